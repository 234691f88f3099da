package dev.tollgate.api.user;

import java.time.Instant;
import java.util.List;

/** A person known to this API because they called it; {@code id} is their {@code sub}. */
public record DirectoryUser(String id, String username, String email, List<String> roles, Instant firstSeen,
                           Instant lastSeen) {
}
