package dev.tollgate.auth.console.clients;

import java.util.List;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** A client as the console's tables show it. */
record ClientRow(String clientId, String name, List<String> grantTypes, List<String> authenticationMethods,
        List<String> redirectUris, List<String> scopes, boolean hasSecret) {

    static ClientRow of(RegisteredClient client) {
        return new ClientRow(client.getClientId(), client.getClientName(),
                client.getAuthorizationGrantTypes().stream().map(AuthorizationGrantType::getValue).sorted().toList(),
                client.getClientAuthenticationMethods().stream().map(ClientAuthenticationMethod::getValue).sorted()
                        .toList(),
                client.getRedirectUris().stream().sorted().toList(), client.getScopes().stream().sorted().toList(),
                client.getClientSecret() != null);
    }
}
