package dev.tollgate.auth.scim;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;

/** Records each change made over SCIM as an {@code ADMIN_CHANGE} security event; states never hold a password. */
@Component
public class AdminChanges {

    private final AuditLog audit;

    public AdminChanges(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * @param what   what changed, e.g. {@code user.update}
     * @param actor  who changed it: the admin token's {@code sub}
     * @param before the state before, null for a creation
     * @param after  the state after, null for a deletion
     */
    public void record(String what, String actor, Object user, Map<String, ?> before, Map<String, ?> after) {
        audit.record(SecurityEvent.of(SecurityEventType.ADMIN_CHANGE)
                .with("what", what)
                .with(SecurityEvent.USER, user)
                .with(SecurityEvent.ACTOR, actor)
                .with("before", before == null ? null : ScimJson.write(before))
                .with("after", after == null ? null : ScimJson.write(after)));
    }
}
