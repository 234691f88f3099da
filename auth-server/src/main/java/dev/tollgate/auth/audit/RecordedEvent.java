package dev.tollgate.auth.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A security event as the audit trail keeps it: when it happened, and the user, client and address it concerns
 * apart from its other details, so that they can be searched.
 *
 * @param id the row's id; null until stored
 */
public record RecordedEvent(Long id, Instant time, SecurityEventType type, String user, String client, String address,
        Map<String, String> details) {

    static RecordedEvent of(SecurityEvent event, Instant time) {
        Map<String, String> others = new LinkedHashMap<>(event.details());
        String user = others.remove(SecurityEvent.USER);
        String client = others.remove(SecurityEvent.CLIENT);
        String address = others.remove(SecurityEvent.ADDRESS);
        return new RecordedEvent(null, time, event.type(), user, client, address, others);
    }
}
