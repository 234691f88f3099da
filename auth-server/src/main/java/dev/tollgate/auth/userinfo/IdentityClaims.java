package dev.tollgate.auth.userinfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;

import dev.tollgate.auth.user.TollgateUser;

/** The OpenID Connect claims about a user that the granted scopes release (ID token and userinfo alike). */
public final class IdentityClaims {

    /**
     * Every claim an ID token or a userinfo answer may carry (discovery's {@code claims_supported}): the protocol's
     * own, then those {@link #of} releases.
     */
    public static final List<String> SUPPORTED = List.of(IdTokenClaimNames.ISS, IdTokenClaimNames.SUB,
            IdTokenClaimNames.AUD, IdTokenClaimNames.EXP, IdTokenClaimNames.IAT, IdTokenClaimNames.AUTH_TIME,
            IdTokenClaimNames.NONCE, IdTokenClaimNames.AZP, "sid", IdTokenClaimNames.ACR, IdTokenClaimNames.AMR,
            StandardClaimNames.PREFERRED_USERNAME, StandardClaimNames.NAME, StandardClaimNames.EMAIL,
            StandardClaimNames.EMAIL_VERIFIED);

    private IdentityClaims() {
    }

    public static Map<String, Object> of(TollgateUser user, Set<String> scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        if (scopes.contains(OidcScopes.PROFILE)) {
            claims.put(StandardClaimNames.PREFERRED_USERNAME, user.username());
            claims.put(StandardClaimNames.NAME, user.displayName() != null ? user.displayName() : user.username());
        }
        if (scopes.contains(OidcScopes.EMAIL) && user.email() != null) {
            claims.put(StandardClaimNames.EMAIL, user.email());
            claims.put(StandardClaimNames.EMAIL_VERIFIED, user.emailVerified());
        }
        return claims;
    }
}
