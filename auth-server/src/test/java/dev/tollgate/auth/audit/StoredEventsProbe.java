package dev.tollgate.auth.audit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Reads the audit trail as an operator would, waiting for what the writer has not written yet: an event must be
 * listed within {@link #LISTED_WITHIN} (README "Audit trail").
 */
public final class StoredEventsProbe {

    public static final Duration LISTED_WITHIN = Duration.ofSeconds(5);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final StoredSecurityEvents events;

    public StoredEventsProbe(StoredSecurityEvents events) {
        this.events = events;
    }

    /** The events that match, newest first, once {@code complete} holds for them; fails after the 5 seconds. */
    public List<RecordedEvent> await(EventQuery query, Predicate<List<RecordedEvent>> complete) {
        long deadline = System.nanoTime() + LISTED_WITHIN.toNanos();
        while (true) {
            List<RecordedEvent> found = events.find(query, 0, 200).content();
            if (complete.test(found)) {
                return found;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not listed within " + LISTED_WITHIN + ": " + query + "; found " + found);
            }
            // the writer flushes every 250 ms: look again a little later rather than keep the database busy
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
        }
    }

    /** Whether the events hold one of each type. */
    public static Predicate<List<RecordedEvent>> containingTypes(SecurityEventType... types) {
        return found -> List.of(types).stream().allMatch(type -> found.stream().anyMatch(e -> e.type() == type));
    }
}
