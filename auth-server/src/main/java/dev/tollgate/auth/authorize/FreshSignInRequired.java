package dev.tollgate.auth.authorize;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * The authorization request wants the user to sign in again ({@code prompt=login}, or a sign-in older than
 * {@code max_age}): {@link FreshSignInEntry} shows the login page and brings the request back after it.
 */
final class FreshSignInRequired extends OAuth2AuthorizationCodeRequestAuthenticationException {

    FreshSignInRequired(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
        super(new OAuth2Error(OidcRequestParameters.LOGIN_REQUIRED), request);
    }

}
