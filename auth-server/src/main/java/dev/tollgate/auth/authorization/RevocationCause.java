package dev.tollgate.auth.authorization;

/**
 * Why a grant's tokens were revoked, as the Shared Signals {@code grant-revoked} event names it (README "Shared
 * Signals"): each way of ending a token family passes one.
 */
public enum RevocationCause {

    /** RFC 7009 revocation at {@code /oauth2/revoke}. */
    REVOCATION("revocation"),

    /** A refresh token presented again after its rotation (RFC 9700 §4.14.2). */
    REFRESH_TOKEN_REUSE("refresh_token_reuse"),

    /** An authorization code presented a second time (RFC 6749 §4.1.2). */
    CODE_REPLAY("code_replay"),

    /** The user withdrew the client's consent. */
    CONSENT_WITHDRAWN("consent_withdrawn"),

    /** The user signed out of the browser session the grant was made in. */
    SIGN_OUT("sign_out"),

    /** The user's sessions were ended (an administrator, another session of the user, a password change). */
    SESSIONS_ENDED("sessions_ended"),

    /** The account was disabled or deleted. */
    ACCOUNT_DISABLED("account_disabled"),

    /** The client was deleted. */
    CLIENT_DELETED("client_deleted");

    private final String reason;

    RevocationCause(String reason) {
        this.reason = reason;
    }

    /** The event's {@code reason} member. */
    public String reason() {
        return reason;
    }
}
