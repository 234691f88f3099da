package dev.tollgate.auth.authorize;

import java.io.Serializable;
import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * The authorization request wants the user to sign in again ({@code prompt=login}, or a sign-in older than
 * {@code max_age}): {@link FreshSignInEntry} shows the login page and brings the request back after it.
 */
final class FreshSignInRequired extends OAuth2AuthorizationCodeRequestAuthenticationException {

    private final transient FreshSignInDemand demand;

    FreshSignInRequired(OAuth2AuthorizationCodeRequestAuthenticationToken request, FreshSignInDemand demand) {
        super(new OAuth2Error(OidcRequestParameters.LOGIN_REQUIRED), request);
        this.demand = demand;
    }

    FreshSignInDemand demand() {
        return demand;
    }

    /**
     * A request that asked for a fresh sign-in, and when the sign-in it was not satisfied with happened: once the
     * browser has a newer sign-in, the same request (brought back after the login page) goes through.
     */
    record FreshSignInDemand(String request, Instant staleSignIn) implements Serializable {
    }
}
