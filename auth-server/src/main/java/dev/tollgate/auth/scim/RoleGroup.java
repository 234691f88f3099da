package dev.tollgate.auth.scim;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import dev.tollgate.auth.user.Roles;

/**
 * The SCIM groups: one per role, its members the users who hold the role. Their ids are name-based UUIDs of the role,
 * the same on every installation and never stored.
 */
public enum RoleGroup {

    ADMIN(Roles.ADMIN),
    USER(Roles.USER);

    private final String role;

    private final UUID id;

    RoleGroup(String role) {
        this.role = role;
        this.id = UUID.nameUUIDFromBytes(("tollgate:role-group:" + role).getBytes(StandardCharsets.UTF_8));
    }

    public String role() {
        return role;
    }

    /** The group's {@code displayName}: the role's name. */
    public String displayName() {
        return role;
    }

    public UUID id() {
        return id;
    }

    public static Optional<RoleGroup> byId(String id) {
        return Arrays.stream(values()).filter(group -> group.id.toString().equalsIgnoreCase(id)).findFirst();
    }

    public static Optional<RoleGroup> byRole(String role) {
        return Arrays.stream(values()).filter(group -> group.role.equals(role)).findFirst();
    }
}
