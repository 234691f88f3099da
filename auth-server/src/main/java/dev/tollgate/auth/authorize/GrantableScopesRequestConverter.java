package dev.tollgate.auth.authorize;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Settles the scopes of an authorization request once the user is known (the request is replayed after sign-in),
 * before consent is asked, so the consent page and the code only ever carry grantable scopes: a request without
 * {@code scope} asks for every scope registered for the client (RFC 6749 §3.3 lets the server pick the default;
 * token requests follow the same rule), and {@link AdminOnlyScopes} then drops what the user may not have.
 */
public final class GrantableScopesRequestConverter implements AuthenticationConverter {

    private final AuthenticationConverter delegate;

    private final RegisteredClientRepository clients;

    public GrantableScopesRequestConverter(AuthenticationConverter delegate, RegisteredClientRepository clients) {
        this.delegate = delegate;
        this.clients = clients;
    }

    @Override
    public Authentication convert(HttpServletRequest request) {
        Authentication converted = delegate.convert(request);
        if (!(converted instanceof OAuth2AuthorizationCodeRequestAuthenticationToken authorizationRequest)
                || !(authorizationRequest.getPrincipal() instanceof Authentication user)
                || user instanceof AnonymousAuthenticationToken || !user.isAuthenticated()) {
            return converted;
        }
        RegisteredClient client = clients.findByClientId(authorizationRequest.getClientId());
        if (client == null) {
            return converted;
        }
        Set<String> requested = authorizationRequest.getScopes().isEmpty() ? client.getScopes()
                : authorizationRequest.getScopes();
        Set<String> grantable = AdminOnlyScopes.grantable(requested, user, client);
        if (grantable.equals(authorizationRequest.getScopes())) {
            return converted;
        }
        return new OAuth2AuthorizationCodeRequestAuthenticationToken(authorizationRequest.getAuthorizationUri(),
                authorizationRequest.getClientId(), user, authorizationRequest.getRedirectUri(),
                authorizationRequest.getState(), grantable, authorizationRequest.getAdditionalParameters());
    }
}
