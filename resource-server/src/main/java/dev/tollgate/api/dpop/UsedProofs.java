package dev.tollgate.api.dpop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The {@code jti} of every DPoP proof the API accepted (RFC 9449 §11.1), kept in table {@code used_dpop_proof} (V52)
 * until the proof is too old to be accepted anyway. The table's primary key decides which of several requests
 * carrying one proof is first, on any API instance sharing the database.
 */
@Repository
class UsedProofs {

    private final JdbcClient jdbc;

    private final Clock clock;

    UsedProofs(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the proof's use; false if a proof of that key with that jti was used before. */
    boolean firstUse(String jkt, String jti, Instant rememberUntil) {
        try {
            jdbc.sql("INSERT INTO used_dpop_proof (jkt, jti_digest, expires_at) VALUES (?, ?, ?)")
                    .params(jkt, digestOf(jti), Timestamp.from(rememberUntil))
                    .update();
            return true;
        }
        catch (DuplicateKeyException usedBefore) {
            return false;
        }
    }

    /** Every minute, on every instance (deleting expired rows twice does no harm): forgets proofs too old to replay. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void deleteExpired() {
        jdbc.sql("DELETE FROM used_dpop_proof WHERE expires_at < ?").param(Timestamp.from(clock.instant())).update();
    }

    /** SHA-256, base64url without padding: a proof's jti is not kept as sent. */
    static String digestOf(String jti) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(jti.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        }
        catch (NoSuchAlgorithmException everyJavaHasIt) {
            throw new IllegalStateException(everyJavaHasIt);
        }
    }
}
