package dev.tollgate.auth.account.changes;

/** What a user can change on their account page, each recorded and each told to the account's email address. */
public enum AccountChange {

    PASSWORD_CHANGED("password.change"),

    /** A user who signed in only upstream so far set a first Tollgate password. */
    PASSWORD_SET("password.set"),

    DISPLAY_NAME_CHANGED("name.change"),

    /** A new, not yet verified email address; the notice goes to the previous one. */
    EMAIL_CHANGED("email.change"),

    SESSION_ENDED("session.end"),

    OTHER_SESSIONS_ENDED("sessions.end-others"),

    APPLICATION_REMOVED("consent.withdraw");

    private final String what;

    AccountChange(String what) {
        this.what = what;
    }

    /** The audit trail's {@code what} of this change. */
    public String what() {
        return what;
    }
}
