package dev.tollgate.auth.authorization;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes authorizations in which nothing is usable any more (every token expired or revoked), with the rotated-out
 * refresh tokens remembered for them, so the tables stay the size of the live grants. Deletes in batches of
 * {@code tollgate.cleanup.batch-size}, each its own short statement, so that it never holds many locks at once.
 */
@Component
public class ExpiredAuthorizationCleanup {

    private static final Log log = LogFactory.getLog(ExpiredAuthorizationCleanup.class);

    private final JdbcClient jdbc;

    private final Clock clock;

    private final int batchSize;

    public ExpiredAuthorizationCleanup(JdbcClient jdbc, Clock clock, CleanupProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.batchSize = properties.batchSize();
    }

    /** Every {@code tollgate.cleanup.interval}, on one instance at a time (the others skip that round). */
    @Scheduled(fixedDelayString = CleanupProperties.INTERVAL, initialDelayString = CleanupProperties.INTERVAL)
    @SchedulerLock(name = "expired-authorization-cleanup")
    public void scheduledCleanup() {
        deleteExpired();
    }

    /** Runs until no expired authorization is left; answers how many were deleted. */
    public int deleteExpired() {
        Timestamp now = Timestamp.from(clock.instant());
        int deleted = 0;
        List<String> batch;
        do {
            batch = jdbc.sql("SELECT id FROM token_authorization WHERE expires_at < ? ORDER BY expires_at LIMIT ?")
                    .params(now, batchSize)
                    .query(String.class)
                    .list();
            if (!batch.isEmpty()) {
                jdbc.sql("DELETE FROM rotated_refresh_token WHERE authorization_id IN (:ids)").param("ids", batch)
                        .update();
                deleted += jdbc.sql("DELETE FROM token_authorization WHERE id IN (:ids)").param("ids", batch).update();
            }
        }
        while (batch.size() == batchSize);
        if (deleted > 0) {
            log.info("Deleted " + deleted + " expired or revoked authorizations");
        }
        return deleted;
    }
}
