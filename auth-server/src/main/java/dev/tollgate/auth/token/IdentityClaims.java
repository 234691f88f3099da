package dev.tollgate.auth.token;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;

import dev.tollgate.auth.user.TollgateUser;

/** The OpenID Connect claims about a user that the granted scopes release (ID token and userinfo alike). */
final class IdentityClaims {

    private IdentityClaims() {
    }

    static Map<String, Object> of(TollgateUser user, Set<String> scopes) {
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
