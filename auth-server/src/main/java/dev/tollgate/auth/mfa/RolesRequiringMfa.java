package dev.tollgate.auth.mfa;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import dev.tollgate.auth.user.Roles;

/**
 * The roles whose users need two factors ({@code tollgate.mfa.required-roles}): as configured, else {@code ADMIN}
 * in production and none elsewhere. Production is decided as for the start-up checks (the {@code production}
 * package makes this bean), not by a profile's name: an administrator's password alone must not open the
 * administration plane of a real deployment.
 */
public final class RolesRequiringMfa {

    private static final String ROLE_PREFIX = "ROLE_";

    private final List<String> roles;

    public RolesRequiringMfa(MfaProperties properties, boolean production) {
        this.roles = properties.requiredRoles() != null ? List.copyOf(properties.requiredRoles())
                : production ? List.of(Roles.ADMIN) : List.of();
    }

    public List<String> roles() {
        return roles;
    }

    /** Whether the user of this sign-in has one of the roles, and the sign-in proved fewer than two factors. */
    public boolean lackSecondFactor(Authentication signIn) {
        return !AuthenticationMethods.isMultiFactor(signIn) && signIn.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(authority -> authority.startsWith(ROLE_PREFIX)
                        && roles.contains(authority.substring(ROLE_PREFIX.length())));
    }
}
