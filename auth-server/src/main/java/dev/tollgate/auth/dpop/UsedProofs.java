package dev.tollgate.auth.dpop;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

import dev.tollgate.auth.authorization.CleanupProperties;
import dev.tollgate.auth.secret.SecretDigest;

/**
 * The {@code jti} of every DPoP proof the token endpoint accepted (RFC 9449 §11.1), kept in table
 * {@code used_dpop_proof} (V62) until the proof is too old to be accepted anyway. The table's primary key decides
 * which of several requests carrying one proof is first, on any instance sharing the database.
 */
@Repository
class UsedProofs {

    private final JdbcClient jdbc;

    private final Clock clock;

    private final SecretDigest digest = new SecretDigest();

    UsedProofs(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the proof's use; false if a proof of that key with that jti was used before. */
    boolean firstUse(String jkt, String jti, Instant rememberUntil) {
        try {
            jdbc.sql("INSERT INTO used_dpop_proof (jkt, jti_digest, expires_at) VALUES (?, ?, ?)")
                    .params(jkt, digest.encode(jti), Timestamp.from(rememberUntil))
                    .update();
            return true;
        }
        catch (DuplicateKeyException usedBefore) {
            return false;
        }
    }

    /** Every {@code tollgate.cleanup.interval}, on one instance at a time: forgets proofs too old to be replayed. */
    @Scheduled(fixedDelayString = CleanupProperties.INTERVAL, initialDelayString = CleanupProperties.INTERVAL)
    @SchedulerLock(name = "used-dpop-proof-cleanup")
    void scheduledCleanup() {
        jdbc.sql("DELETE FROM used_dpop_proof WHERE expires_at < ?").param(Timestamp.from(clock.instant())).update();
    }
}
