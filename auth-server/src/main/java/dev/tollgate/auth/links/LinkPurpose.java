package dev.tollgate.auth.links;

/** What a single-use link does; a link of one purpose never works for another. */
public enum LinkPurpose {

    /** Sets a new password for a user who forgot theirs. */
    PASSWORD_RESET,

    /** Confirms that the address the link was sent to is the user's. */
    EMAIL_VERIFICATION
}
