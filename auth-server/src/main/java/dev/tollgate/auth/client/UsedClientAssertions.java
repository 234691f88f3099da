package dev.tollgate.auth.client;

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
 * The {@code jti} of every client assertion that authenticated, kept in table {@code used_client_assertion} (V44)
 * until the assertion expires. The table's primary key decides which of several requests carrying one assertion is
 * first, on any instance sharing the database.
 */
@Repository
public class UsedClientAssertions {

    private final JdbcClient jdbc;

    private final Clock clock;

    private final SecretDigest digest = new SecretDigest();

    public UsedClientAssertions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the assertion's use; false if an unexpired assertion of that client with that jti was used before. */
    public boolean firstUse(String clientId, String jti, Instant usableUntil) {
        String jtiDigest = digest.encode(jti);
        // a jti may come back once the assertion that used it has expired (RFC 7523 §3): forget that one first
        jdbc.sql("DELETE FROM used_client_assertion WHERE client_id = ? AND jti_digest = ? AND expires_at < ?")
                .params(clientId, jtiDigest, Timestamp.from(clock.instant()))
                .update();
        try {
            jdbc.sql("INSERT INTO used_client_assertion (client_id, jti_digest, expires_at) VALUES (?, ?, ?)")
                    .params(clientId, jtiDigest, Timestamp.from(usableUntil))
                    .update();
            return true;
        }
        catch (DuplicateKeyException usedBefore) {
            return false;
        }
    }

    /** Every {@code tollgate.cleanup.interval}, on one instance at a time: forgets expired assertions. */
    @Scheduled(fixedDelayString = CleanupProperties.INTERVAL, initialDelayString = CleanupProperties.INTERVAL)
    @SchedulerLock(name = "used-client-assertion-cleanup")
    public void scheduledCleanup() {
        deleteExpired();
    }

    /** Deletes the records of assertions that have expired; answers how many. */
    public int deleteExpired() {
        return jdbc.sql("DELETE FROM used_client_assertion WHERE expires_at < ?")
                .param(Timestamp.from(clock.instant()))
                .update();
    }
}
