package dev.tollgate.auth.mfa;

import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.production.ProductionMode;
import dev.tollgate.auth.production.ProductionProperties;
import dev.tollgate.auth.user.Roles;

/**
 * The roles whose users need two factors ({@code tollgate.mfa.required-roles}): as configured, else {@code ADMIN}
 * in production and none elsewhere. Production is decided as for the start-up checks ({@link ProductionMode}), not by
 * a profile's name: an administrator's password alone must not open the administration plane of a real deployment.
 */
@Component
public class RolesRequiringMfa {

    private final List<String> roles;

    RolesRequiringMfa(MfaProperties properties, ProductionProperties production, Environment environment) {
        this.roles = properties.requiredRoles() != null ? List.copyOf(properties.requiredRoles())
                : ProductionMode.isOn(production, environment) ? List.of(Roles.ADMIN) : List.of();
    }

    public List<String> roles() {
        return roles;
    }
}
