package dev.tollgate.auth.user;

import java.util.SortedSet;
import java.util.UUID;

/** A person who signs in to Tollgate. {@code id} is the stable subject ({@code sub}) of their tokens. */
public record TollgateUser(
        UUID id,
        String username,
        String passwordHash,
        String email,
        boolean emailVerified,
        String displayName,
        boolean enabled,
        SortedSet<String> roles) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
