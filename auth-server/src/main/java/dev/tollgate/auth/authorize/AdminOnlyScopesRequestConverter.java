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
 * Applies {@link AdminOnlyScopes} to an authorization request once the user is known (the request is replayed
 * after sign-in), before consent is asked, so the consent page and the code only ever carry grantable scopes.
 */
public final class AdminOnlyScopesRequestConverter implements AuthenticationConverter {

    private final AuthenticationConverter delegate;

    private final RegisteredClientRepository clients;

    public AdminOnlyScopesRequestConverter(AuthenticationConverter delegate, RegisteredClientRepository clients) {
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
        Set<String> grantable = AdminOnlyScopes.grantable(authorizationRequest.getScopes(), user, client);
        if (grantable.equals(authorizationRequest.getScopes())) {
            return converted;
        }
        return new OAuth2AuthorizationCodeRequestAuthenticationToken(authorizationRequest.getAuthorizationUri(),
                authorizationRequest.getClientId(), user, authorizationRequest.getRedirectUri(),
                authorizationRequest.getState(), grantable, authorizationRequest.getAdditionalParameters());
    }
}
