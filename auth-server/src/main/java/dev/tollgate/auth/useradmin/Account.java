package dev.tollgate.auth.useradmin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.UUID;

import dev.tollgate.auth.user.Roles;

/** A user as an administrator sees them: never their password. {@code name} is the name shown for them. */
public record Account(UUID id, String username, String email, String name, boolean enabled, SortedSet<String> roles,
        Instant created) {

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    /** What the audit trail records of the account before and after a change. */
    Map<String, Object> auditState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("userName", username);
        state.put("email", email);
        state.put("displayName", name);
        state.put("active", enabled);
        state.put("roles", roles);
        return state;
    }
}
