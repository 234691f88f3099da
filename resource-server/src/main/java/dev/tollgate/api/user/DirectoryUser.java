package dev.tollgate.api.user;

import java.time.Instant;
import java.util.List;

/**
 * A person known to this API because they called it; {@code id} is their {@code sub}. {@code lastActor} is the client
 * that called on their behalf in their latest recorded call (the {@code act} of a token from token exchange, RFC 8693),
 * null when they called through their own client.
 */
public record DirectoryUser(String id, String username, String email, List<String> roles, Instant firstSeen,
                           Instant lastSeen, String lastActor) {
}
