package dev.tollgate.auth.audit;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes events older than {@code tollgate.events.retention}, every hour, on one instance at a time. */
@Component
public class AuditTrailRetention {

    private static final int BATCH_SIZE = 1000;

    private static final Logger log = LoggerFactory.getLogger(AuditTrailRetention.class);

    private final StoredSecurityEvents store;

    private final AuditTrailProperties properties;

    private final Clock clock;

    public AuditTrailRetention(StoredSecurityEvents store, AuditTrailProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
    @SchedulerLock(name = "audit-trail-retention")
    public void scheduledCleanup() {
        deleteExpired();
    }

    /** Deletes the events that happened longer than the retention ago; answers how many. */
    public int deleteExpired() {
        int deleted = store.deleteBefore(clock.instant().minus(properties.retention()), BATCH_SIZE);
        if (deleted > 0) {
            log.info("Deleted {} security events older than {}", deleted, properties.retention());
        }
        return deleted;
    }
}
