package dev.tollgate.auth.federation;

import java.time.Instant;

/** An upstream identity linked to a local user, as the account page lists it. */
public record LinkedIdentity(String providerId, String subject, String email, String username, Instant linkedAt) {
}
