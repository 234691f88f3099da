package dev.tollgate.auth.audit;

import org.slf4j.event.Level;

/** What happened, as operators search for it in the logs ({@code event=...}). */
public enum SecurityEventType {

    /** A refresh token that rotation had replaced was presented again; its whole family was revoked. */
    REFRESH_TOKEN_REUSE_DETECTED(Level.WARN),

    /** An authorization code was presented a second time; every token issued from it was revoked. */
    AUTHORIZATION_CODE_REPLAYED(Level.WARN),

    /** A client revoked a token (RFC 7009). */
    TOKEN_REVOKED(Level.INFO),

    /** Signing out at Tollgate revoked the tokens issued in that browser session. */
    SESSION_TOKENS_REVOKED(Level.INFO),

    /**
     * An administrator changed a user, a group, a client, a session or a consent ({@link SecurityEvent#ACTOR} who,
     * details {@code what}, {@code before} and {@code after}, never a password or secret).
     */
    ADMIN_CHANGE(Level.INFO),

    /** A new signing key started signing; the previous one was retired. */
    SIGNING_KEY_ROTATED(Level.INFO),

    /** A retired signing key left the JWKS because every token it signed has expired. */
    SIGNING_KEY_REMOVED(Level.INFO);

    /** Attacks and their symptoms are warnings; routine lifecycle events are informational. */
    private final Level level;

    SecurityEventType(Level level) {
        this.level = level;
    }

    public Level level() {
        return level;
    }
}
