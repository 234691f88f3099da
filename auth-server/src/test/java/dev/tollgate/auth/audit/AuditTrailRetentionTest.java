package dev.tollgate.auth.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.tollgate.auth.support.SharedAuthServerContext;
import dev.tollgate.testsupport.TestClock;

/** {@code tollgate.events.retention} (30 days by default) on the test clock. */
class AuditTrailRetentionTest extends SharedAuthServerContext {

    @Autowired
    StoredSecurityEvents events;

    @Autowired
    AuditTrailRetention retention;

    @Autowired
    TestClock clock;

    @Test
    void eventsOlderThanThirtyDaysAreDeletedAndYoungerOnesKept() {
        String user = UUID.randomUUID().toString();
        Instant start = clock.instant();
        events.insert(List.of(event(user, "old", start), event(user, "young", start.plus(Duration.ofMinutes(2)))));

        clock.advance(Duration.ofDays(30).plusMinutes(1));
        int deleted = retention.deleteExpired();

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(events.find(new EventQuery(null, user, null, null, null), 0, 10).content())
                .extracting(event -> event.details().get("age"))
                .containsExactly("young");
        assertThat(events.find(new EventQuery(null, null, null, null, clock.instant().minus(Duration.ofDays(30))), 0,
                1).totalElements()).as("nothing older than the retention is left").isZero();
    }

    private static RecordedEvent event(String user, String age, Instant time) {
        return new RecordedEvent(null, time, SecurityEventType.SIGN_IN, user, null, "192.0.2.1", Map.of("age", age));
    }
}
