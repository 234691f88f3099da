package dev.tollgate.auth.authorization;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * A write of an authorization was refused because another request changed it after it was read: the code was
 * redeemed, the refresh token rotated, or the grant revoked in between. The request that read it lost the race;
 * whatever it meant to issue must not exist. Left unhandled it answers {@code invalid_grant}, never a server error.
 */
public class AuthorizationChangedConcurrently extends OAuth2AuthenticationException {

    private final String authorizationId;

    public AuthorizationChangedConcurrently(String authorizationId) {
        super(OAuth2ErrorCodes.INVALID_GRANT);
        this.authorizationId = authorizationId;
    }

    public String authorizationId() {
        return authorizationId;
    }
}
