package dev.tollgate.auth.authorize;

import java.util.function.Consumer;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * What a pushed authorization request may not carry, refused when it is pushed rather than when the browser
 * arrives: a request object ({@code request}; Tollgate reads none, see {@link RequestObjectsRefused}), and a
 * {@code max_age} that is not a number of seconds.
 */
final class PushedRequestParameters implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        if (request.getAdditionalParameters().containsKey(RequestObjectsRefused.REQUEST)) {
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(
                    OAuth2ErrorCodes.INVALID_REQUEST, "Tollgate does not support the request parameter.",
                    "https://www.rfc-editor.org/rfc/rfc9126#section-2.3"), request);
        }
        OidcRequestParameters.maxAge(request);
    }
}
