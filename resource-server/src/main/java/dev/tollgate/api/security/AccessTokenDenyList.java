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

    AccessTokenDenyList NONE = (jti, grantId, subject, sessionId, issuedAt, introspected) -> false;

    /**
     * @param jti       the token's {@code jti}, or null
     * @param grantId   the {@code grant_id} of the grant it was issued in, or null
     * @param subject   its {@code sub}, or null
     * @param sessionId the {@code sid} of the session it was issued in, or null
     * @param issuedAt  its {@code iat}, or null (unknown: then any not-before instant for its subject or session
     *                  refuses it)
     * @param introspected whether the auth server has just vouched for it (an opaque token), rather than its
     *                  signature alone (a JWT)
     */
    boolean refuses(String jti, String grantId, String subject, String sessionId, Instant issuedAt,
            boolean introspected);

    /** The same, for a JWT's claims. */
    default boolean refusesJwt(Map<String, Object> claims) {
        return refuses(claims, false);
    }

    /** The same, for an introspection answer's attributes. */
    default boolean refusesIntrospected(Map<String, Object> attributes) {
        return refuses(attributes, true);
    }

    private boolean refuses(Map<String, Object> claims, boolean introspected) {
        return refuses(text(claims.get("jti")), text(claims.get("grant_id")), text(claims.get("sub")),
                text(claims.get("sid")), claims.get("iat") instanceof Instant issuedAt ? issuedAt : null, introspected);
    }

    private static String text(Object claim) {
        return claim instanceof String value ? value : null;
    }
}
