package dev.tollgate.auth.ratelimit;

import java.sql.Timestamp;
import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.authorization.CleanupProperties;

/**
 * Deletes the rows of {@code rate_limit_bucket} whose buckets have filled up again: every address and client that
 * ever made a request leaves one, and a full bucket counts for nothing.
 */
@Component
class ExpiredBucketCleanup {

    private final JdbcClient jdbc;
    private final Clock clock;

    ExpiredBucketCleanup(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Every {@code tollgate.cleanup.interval}, on one instance at a time. */
    @Scheduled(fixedDelayString = CleanupProperties.INTERVAL, initialDelayString = CleanupProperties.INTERVAL)
    @SchedulerLock(name = "rate-limit-bucket-cleanup")
    void scheduledCleanup() {
        deleteExpired();
    }

    /** Answers how many rows it deleted. */
    int deleteExpired() {
        return jdbc.sql("DELETE FROM rate_limit_bucket WHERE expires_at < ?")
                .param(Timestamp.from(clock.instant()))
                .update();
    }
}
