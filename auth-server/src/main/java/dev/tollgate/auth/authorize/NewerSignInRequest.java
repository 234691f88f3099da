package dev.tollgate.auth.authorize;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

import dev.tollgate.auth.session.SignIns;

/**
 * An authorization request that sent the browser to sign in ({@link SignInDemand}) and came back after a newer
 * sign-in: that sign-in is the fresh one it asked for, and {@link FreshSignIn} lets it through. Marked while the
 * HTTP request is at hand, since the check itself gets only the authorization request; the mark lives as long as
 * the authorization request object, within this one HTTP request.
 */
final class NewerSignInRequest extends OAuth2AuthorizationCodeRequestAuthenticationToken {

    private NewerSignInRequest(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
        super(request.getAuthorizationUri(), request.getClientId(), (Authentication) request.getPrincipal(),
                request.getRedirectUri(), request.getState(), request.getScopes(), request.getAdditionalParameters());
    }

    /** Marks the authorization requests {@code delegate} reads that answer a demand for a newer sign-in. */
    static AuthenticationConverter marking(AuthenticationConverter delegate) {
        return (HttpServletRequest request) -> {
            Authentication converted = delegate.convert(request);
            if (converted instanceof OAuth2AuthorizationCodeRequestAuthenticationToken authorizationRequest
                    && authorizationRequest.getPrincipal() instanceof Authentication user
                    && !(user instanceof AnonymousAuthenticationToken) && user.isAuthenticated()
                    && SignInDemand.answered(request, SignIns.authTimeOf(user))) {
                return new NewerSignInRequest(authorizationRequest);
            }
            return converted;
        };
    }
}
