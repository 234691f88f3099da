package dev.tollgate.auth.account.changes;

/**
 * What a user can change on their account page, and what happens to the account's factors at sign-in (a recovery code
 * used), each recorded and each told to the account's email address.
 */
public enum AccountChange {

    PASSWORD_CHANGED("password.change"),

    /** A user who signed in only upstream so far set a first Tollgate password. */
    PASSWORD_SET("password.set"),

    DISPLAY_NAME_CHANGED("name.change"),

    /** A new, not yet verified email address; the notice goes to the previous one. */
    EMAIL_CHANGED("email.change"),

    SESSION_ENDED("session.end"),

    OTHER_SESSIONS_ENDED("sessions.end-others"),

    APPLICATION_REMOVED("consent.withdraw"),

    TOTP_ENABLED("totp.enable"),

    /** Turned off on the account page, which takes the password again. */
    TOTP_DISABLED("totp.disable"),

    /** Used at sign-in instead of a TOTP code: whoever used it had the password and one of the codes. */
    RECOVERY_CODE_USED("recovery-code.use"),

    PASSKEY_ADDED("passkey.add"),

    PASSKEY_REMOVED("passkey.remove");

    private final String what;

    AccountChange(String what) {
        this.what = what;
    }

    /** The audit trail's {@code what} of this change. */
    public String what() {
        return what;
    }
}
