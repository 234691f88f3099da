package dev.tollgate.auth.links;

import java.util.UUID;

/** Whom a link was issued to: the user and, for a verification, the address it was sent to (else null). */
public record LinkHolder(UUID userId, String email) {
}
