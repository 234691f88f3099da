package dev.tollgate.auth.audit;

import org.slf4j.event.Level;

/** What happened, as operators search for it in the logs ({@code event=...}). */
public enum SecurityEventType {

    /** A user signed in: with their password ({@code method=password}), a passkey ({@code method=passkey}) or
     * through an upstream provider. */
    SIGN_IN(Level.INFO),

    /** A sign-in was refused: a wrong password, an unknown or disabled account, a locked one, an upstream refusal. */
    SIGN_IN_FAILED(Level.INFO),

    /** Failed sign-ins reached the limit: the account or the client address is locked for a while. */
    ACCOUNT_LOCKED(Level.WARN),

    /** Someone created an account at {@code /register} (self-registration). */
    SIGN_UP(Level.INFO),

    /** A user followed the link sent to their email address: it is verified ({@code email_verified}). */
    EMAIL_VERIFIED(Level.INFO),

    /**
     * A user set a new password through a reset link sent to their address; every session and token of theirs was
     * ended ({@code sessions}, {@code authorizations}).
     */
    PASSWORD_RESET(Level.INFO),

    /** A user turned a second factor on or off ({@code what}: {@code totp.enrolled}, {@code totp.removed}). */
    SECOND_FACTOR_CHANGED(Level.INFO),

    /** A user signed in with a TOTP recovery code, which is now used up ({@code left}: how many remain). */
    RECOVERY_CODE_USED(Level.WARN),

    /** A user signed out at Tollgate (the sign-out page or RP-initiated logout). */
    SIGN_OUT(Level.INFO),

    /** A user registered a passkey on their account page ({@code passkey} names its label). */
    PASSKEY_REGISTERED(Level.INFO),

    /** A user removed one of their passkeys. */
    PASSKEY_REMOVED(Level.INFO),

    /**
     * The token endpoint issued an access token (with the grant type, scopes and grant; never the token). Thousands a
     * second at peak, so only at debug level in the log; every one is in the audit trail.
     */
    TOKEN_ISSUED(Level.DEBUG),

    /** A refresh token that rotation had replaced was presented again; its whole family was revoked. */
    REFRESH_TOKEN_REUSE_DETECTED(Level.WARN),

    /** A user approved a device's request on the device verification page (RFC 8628 §3.3). */
    DEVICE_APPROVED(Level.INFO),

    /** A user denied a device's request on the device verification page. */
    DEVICE_DENIED(Level.INFO),

    /** An authorization code was presented a second time; every token issued from it was revoked. */
    AUTHORIZATION_CODE_REPLAYED(Level.WARN),

    /** A client revoked a token (RFC 7009). */
    TOKEN_REVOKED(Level.INFO),

    /** Signing out at Tollgate revoked the tokens issued in that browser session. */
    SESSION_TOKENS_REVOKED(Level.INFO),

    /**
     * A sign-in session ended because it was idle too long ({@code server.servlet.session.timeout}): details the
     * user, its {@code sid}, the {@code clients} that signed in through it (each with a back-channel logout URI was
     * sent a logout token) and when it was {@code last_used}. Its tokens stay valid.
     */
    SESSION_EXPIRED(Level.INFO),

    /**
     * An administrator changed a user, a group, a client, a session or a consent ({@link SecurityEvent#ACTOR} who,
     * details {@code what}, {@code before} and {@code after}, never a password or secret).
     */
    ADMIN_CHANGE(Level.INFO),

    /**
     * A user changed their own account on the account page ({@link SecurityEvent#USER} who, detail {@code what}: a
     * password, the email address, a session ended, an application removed), never a password.
     */
    ACCOUNT_CHANGE(Level.INFO),

    /** A new signing key started signing; the previous one was retired. */
    SIGNING_KEY_ROTATED(Level.INFO),

    /** A retired signing key left the JWKS because every token it signed has expired. */
    SIGNING_KEY_REMOVED(Level.INFO),

    /**
     * A client acknowledged a logout token (OpenID Connect Back-Channel Logout 1.0): its session for the user ended
     * ({@code client}, {@code user}, {@code sid}, {@code attempts}).
     */
    BACKCHANNEL_LOGOUT_DELIVERED(Level.INFO),

    /**
     * A client did not acknowledge a logout token ({@code status} or {@code error}); {@code retry_at} when it is tried
     * again, {@code given_up=true} after the last attempt: the client may still have a session for the user.
     */
    BACKCHANNEL_LOGOUT_FAILED(Level.WARN),

    /**
     * A Shared Signals receiver acknowledged a Security Event Token, by push (RFC 8935, 202) or poll (RFC 8936 ack)
     * ({@code client}, {@code stream}, {@code jti}, {@code event}, {@code attempts}); a pushed verification event,
     * a receiver's heartbeat, is not recorded.
     */
    SHARED_SIGNAL_DELIVERED(Level.INFO),

    /**
     * A Shared Signals receiver did not take a Security Event Token ({@code status} or {@code error}, {@code err} of
     * its refusal); {@code retry_at} when it is pushed again, {@code given_up=true} when it is dropped: after a refusal
     * (RFC 8935 §2.3, a 400) or the last attempt.
     */
    SHARED_SIGNAL_FAILED(Level.WARN);

    /** Attacks and their symptoms are warnings; routine lifecycle events are informational. */
    private final Level level;

    SecurityEventType(Level level) {
        this.level = level;
    }

    public Level level() {
        return level;
    }
}
