package dev.tollgate.auth.ratelimit;

import java.time.Clock;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.authorization.CleanupProperties;
import dev.tollgate.ratelimit.BucketTable;

/**
 * Deletes the rows of {@code rate_limit_bucket} whose buckets have filled up again: every address and client that
 * ever made a request leaves one, and a full bucket counts for nothing.
 */
@Component
class ExpiredBucketCleanup {

    private final BucketTable buckets;

    ExpiredBucketCleanup(DataSource dataSource, Clock clock) {
        this.buckets = new BucketTable(dataSource, BucketTable.timeOf(clock));
    }

    /** Every {@code tollgate.cleanup.interval}, on one instance at a time. */
    @Scheduled(fixedDelayString = CleanupProperties.INTERVAL, initialDelayString = CleanupProperties.INTERVAL)
    @SchedulerLock(name = "rate-limit-bucket-cleanup")
    void scheduledCleanup() {
        deleteExpired();
    }

    /** Answers how many rows it deleted. */
    int deleteExpired() {
        return buckets.deleteFullBuckets();
    }
}
