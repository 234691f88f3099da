package dev.tollgate.api.security;

import java.time.Instant;
import java.util.Map;

/**
 * Access tokens that are still within their lifetime but must no longer be accepted (revoked since they were issued),
 * asked about every request before a JWT or an introspection answer is accepted, cached or not. So it must be
 * cheap: a few hash lookups, nothing allocated. Any feature may provide one (the Shared Signals receiver does);
 * without one, nothing is refused.
 */
@FunctionalInterface
public interface AccessTokenDenyList {

    AccessTokenDenyList NONE = (jti, grantId, subject, sessionId, issuedAt) -> false;

    /**
     * @param jti       the token's {@code jti}, or null
     * @param grantId   the {@code grant_id} of the grant it was issued in, or null
     * @param subject   its {@code sub}, or null
     * @param sessionId the {@code sid} of the session it was issued in, or null
     * @param issuedAt  its {@code iat}, or null (unknown: then any not-before instant for its subject or session
     *                  refuses it)
     */
    boolean refuses(String jti, String grantId, String subject, String sessionId, Instant issuedAt);

    /** The same, for a JWT's claims or an introspection answer's attributes. */
    default boolean refusesClaims(Map<String, Object> claims) {
        return refuses(text(claims.get("jti")), text(claims.get("grant_id")), text(claims.get("sub")),
                text(claims.get("sid")), claims.get("iat") instanceof Instant issuedAt ? issuedAt : null);
    }

    private static String text(Object claim) {
        return claim instanceof String value ? value : null;
    }
}
