package dev.tollgate.auth.authorize;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * The authorization request needs a sign-in with two factors and the browser's has one
 * ({@link TwoFactorsWhenRequired}): {@link FreshSignInEntry} sends the user to prove (or set up) the second one and brings the request back after it.
 */
final class SecondFactorRequired extends OAuth2AuthorizationCodeRequestAuthenticationException {

    SecondFactorRequired(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
        super(new OAuth2Error(TwoFactorsWhenRequired.INTERACTION_REQUIRED), request);
    }
}
