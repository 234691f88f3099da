package dev.tollgate.auth.audit;

import java.time.Instant;

/**
 * Which events to list; a null field does not filter.
 *
 * @param since only events at or after this instant
 * @param until only events before this instant
 */
public record EventQuery(SecurityEventType type, String user, String client, Instant since, Instant until) {
}
