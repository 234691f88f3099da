package dev.tollgate.auth.audit;

import java.util.List;

/** One page of stored events, newest first, and how many match in all. */
public record EventPage(List<RecordedEvent> content, long totalElements) {
}
