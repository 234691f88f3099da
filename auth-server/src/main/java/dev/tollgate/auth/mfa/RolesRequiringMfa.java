package dev.tollgate.auth.mfa;

import java.util.List;

import dev.tollgate.auth.user.Roles;

/**
 * The roles whose users need two factors ({@code tollgate.mfa.required-roles}): as configured, else {@code ADMIN}
 * in production and none elsewhere. Production is decided as for the start-up checks (the {@code production}
 * package makes this bean), not by a profile's name: an administrator's password alone must not open the
 * administration plane of a real deployment.
 */
public final class RolesRequiringMfa {

    private final List<String> roles;

    public RolesRequiringMfa(MfaProperties properties, boolean production) {
        this.roles = properties.requiredRoles() != null ? List.copyOf(properties.requiredRoles())
                : production ? List.of(Roles.ADMIN) : List.of();
    }

    public List<String> roles() {
        return roles;
    }
}
