package dev.tollgate.auth.useradmin;

import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;

/**
 * Records each change of a user (over SCIM or in the admin console) as an {@code ADMIN_CHANGE} security event; states
 * never hold a password.
 */
@Component
public class AdminChanges {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditLog audit;

    public AdminChanges(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * @param what   what changed, e.g. {@code user.update}
     * @param actor  who changed it: the administrator's {@code sub}
     * @param before the state before, null for a creation
     * @param after  the state after, null for a deletion
     */
    public void record(String what, String actor, Object user, Map<String, ?> before, Map<String, ?> after) {
        audit.record(SecurityEvent.of(SecurityEventType.ADMIN_CHANGE)
                .with("what", what)
                .with(SecurityEvent.USER, user)
                .with(SecurityEvent.ACTOR, actor)
                .with("before", before == null ? null : JSON.writeValueAsString(before))
                .with("after", after == null ? null : JSON.writeValueAsString(after)));
    }
}
