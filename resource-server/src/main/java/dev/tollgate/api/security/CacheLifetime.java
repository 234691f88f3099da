package dev.tollgate.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/** What the two token caches share: the key a token is remembered by, and how long an answer may be trusted. */
final class CacheLifetime {

    private CacheLifetime() {
    }

    /** Caches hold SHA-256 digests, never the bearer tokens themselves (a heap dump leaks no usable token). */
    static String keyOf(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** {@code ttl}, but never past {@code expiresAt} (when known). */
    static Duration atMost(Duration ttl, Instant expiresAt, Instant now) {
        if (expiresAt == null) {
            return ttl;
        }
        Duration left = Duration.between(now, expiresAt);
        return left.isNegative() ? Duration.ZERO : (left.compareTo(ttl) < 0 ? left : ttl);
    }
}
