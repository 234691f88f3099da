package dev.tollgate.auth.user;

import java.util.SortedSet;
import java.util.UUID;

import org.springframework.security.core.userdetails.User;

/**
 * A person who signs in to Tollgate. {@code id} is the stable subject ({@code sub}) of their tokens; {@code passwordHash}
 * is null for a user who signs in only through an upstream provider.
 */
public record TollgateUser(
        UUID id,
        String username,
        String passwordHash,
        String email,
        boolean emailVerified,
        String displayName,
        boolean enabled,
        SortedSet<String> roles) {

    /** False for a user created by an upstream sign-in who has not set a Tollgate password. */
    public boolean hasPassword() {
        return passwordHash != null;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /**
     * This user as the principal of a sign-in that did not check their password (a passkey, an upstream provider):
     * named by the id, as a password sign-in's principal is ({@link TollgateUserDetailsService}), with the roles and
     * no password.
     */
    public User principal() {
        User principal = (User) User.withUsername(id.toString())
                .password("")
                .roles(roles.toArray(String[]::new))
                .build();
        principal.eraseCredentials();
        return principal;
    }
}
