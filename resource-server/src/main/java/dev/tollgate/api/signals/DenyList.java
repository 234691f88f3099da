package dev.tollgate.api.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.tollgate.api.security.AccessTokenDenyList;

/**
 * What the Shared Signals receiver has learnt, in memory (each instance has its own stream): revoked {@code jti}s and
 * {@code grant_id}s, and per subject ({@code sub}) and per session ({@code sid}) the instant before which tokens
 * are no longer accepted. Every entry is forgotten {@code ttl} after it was learnt: by then every token it could
 * refuse has expired, provided {@code ttl} is at least the longest access-token lifetime.
 *
 * <p>{@link #refuses} runs on every request: map lookups on keys the token already holds (a {@code String} caches
 * its hash), nothing allocated.
 */
final class DenyList implements AccessTokenDenyList {

    private final Duration ttl;
    /** Revoked jti → when to forget it. */
    private final Map<String, Instant> jtis = new ConcurrentHashMap<>();
    /** Revoked grant_id → when to forget it. */
    private final Map<String, Instant> grants = new ConcurrentHashMap<>();
    private final Map<String, NotBefore> subjects = new ConcurrentHashMap<>();
    private final Map<String, NotBefore> sessions = new ConcurrentHashMap<>();
    /** While failing closed: tokens issued before this are refused; null otherwise. */
    private volatile Instant refuseIssuedBefore;

    DenyList(Duration ttl) {
        this.ttl = ttl;
    }

    /**
     * Failing closed concerns JWTs only: for an opaque token the auth server has just been asked (within the
     * introspection cache's few seconds), so it is no less sure than before the gap.
     */
    @Override
    public boolean refuses(String jti, String grantId, String subject, String sessionId, Instant issuedAt,
            boolean introspected) {
        Instant failingClosedBefore = refuseIssuedBefore;
        if (failingClosedBefore != null && !introspected && (issuedAt == null || issuedAt.isBefore(failingClosedBefore))) {
            return true;
        }
        return jti != null && jtis.containsKey(jti)
                || grantId != null && grants.containsKey(grantId)
                || issuedNoLaterThan(subjects, subject, issuedAt)
                || issuedNoLaterThan(sessions, sessionId, issuedAt);
    }

    /**
     * A token issued in the very second of the revocation is refused too: {@code iat} and the event's time are whole
     * seconds, so the second cannot tell whether it came before or after. A client whose new token falls into that
     * second gets 401 once and asks again.
     */
    private static boolean issuedNoLaterThan(Map<String, NotBefore> notBefore, String key, Instant issuedAt) {
        if (key == null) {
            return false;
        }
        NotBefore entry = notBefore.get(key);
        return entry != null && (issuedAt == null || !issuedAt.isAfter(entry.instant()));
    }

    void revokeTokens(Collection<String> revokedJtis, Instant now) {
        Instant forgetAt = now.plus(ttl);
        revokedJtis.forEach(jti -> jtis.put(jti, forgetAt));
    }

    void revokeGrant(String grantId, Instant now) {
        grants.put(grantId, now.plus(ttl));
    }

    void refuseSubjectIssuedUntil(String subject, Instant instant, Instant now) {
        subjects.merge(subject, new NotBefore(instant, now.plus(ttl)), NotBefore::later);
    }

    void refuseSessionIssuedUntil(String sessionId, Instant instant, Instant now) {
        sessions.merge(sessionId, new NotBefore(instant, now.plus(ttl)), NotBefore::later);
    }

    /** Fails closed for tokens issued before {@code instant}; null: stops failing closed. */
    void refuseIssuedBefore(Instant instant) {
        refuseIssuedBefore = instant;
    }

    Instant refusingIssuedBefore() {
        return refuseIssuedBefore;
    }

    void forgetExpired(Instant now) {
        jtis.values().removeIf(forgetAt -> forgetAt.isBefore(now));
        grants.values().removeIf(forgetAt -> forgetAt.isBefore(now));
        subjects.values().removeIf(entry -> entry.forgetAt().isBefore(now));
        sessions.values().removeIf(entry -> entry.forgetAt().isBefore(now));
    }

    int size() {
        return jtis.size() + grants.size() + subjects.size() + sessions.size();
    }

    /** Tokens issued up to {@code instant} are refused, until {@code forgetAt}. */
    private record NotBefore(Instant instant, Instant forgetAt) {

        NotBefore later(NotBefore other) {
            return new NotBefore(instant.isAfter(other.instant) ? instant : other.instant,
                    forgetAt.isAfter(other.forgetAt) ? forgetAt : other.forgetAt);
        }
    }
}
