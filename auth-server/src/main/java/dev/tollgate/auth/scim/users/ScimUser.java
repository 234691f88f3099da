package dev.tollgate.auth.scim.users;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.UUID;

/** A user as SCIM shows them: a row of {@code users} with its roles (the groups it is a member of). */
public record ScimUser(
        UUID id,
        String userName,
        String externalId,
        String givenName,
        String familyName,
        String displayName,
        String email,
        boolean emailVerified,
        boolean active,
        Instant created,
        Instant lastModified,
        long version,
        SortedSet<String> roles) {

    /** What the audit trail records of the user: everything but the password, which is never here. */
    public Map<String, Object> auditState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("userName", userName);
        state.put("externalId", externalId);
        state.put("givenName", givenName);
        state.put("familyName", familyName);
        state.put("displayName", displayName);
        state.put("email", email);
        state.put("active", active);
        state.put("roles", roles);
        return state;
    }
}
