package dev.tollgate.auth.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One security event: its type and a few identifying details (client id, authorization id, key id ...). Details
 * never carry a token, code or secret: an event says which grant was affected, not how to use it.
 */
public record SecurityEvent(SecurityEventType type, Map<String, String> details) {

    /** Detail naming the user concerned, by their {@code sub} (the users table's id). */
    public static final String USER = "user";

    /** Detail naming the client concerned, by its client id. */
    public static final String CLIENT = "client";

    /** Detail naming the address the request came from. */
    public static final String ADDRESS = "address";

    /** Detail naming who made an administrative change: the admin token's {@code sub} (a user id or a client id). */
    public static final String ACTOR = "actor";

    public SecurityEvent {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static SecurityEvent of(SecurityEventType type) {
        return new SecurityEvent(type, Map.of());
    }

    /** This event with one more detail; {@code null} values are left out. */
    public SecurityEvent with(String name, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, String> more = new LinkedHashMap<>(details);
        more.put(name, value.toString());
        return new SecurityEvent(type, more);
    }
}
