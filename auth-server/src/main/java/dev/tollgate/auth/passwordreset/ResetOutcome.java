package dev.tollgate.auth.passwordreset;

import org.springframework.context.MessageSourceResolvable;

/**
 * How an attempt to set a new password through a reset link ended.
 *
 * @param reason why the policy refused the password, as a message for the page; null otherwise (and when the two
 *        differ)
 */
record ResetOutcome(Status status, MessageSourceResolvable reason) {

    enum Status {
        /** The password is changed; every session and token of the user is ended. */
        DONE,
        /** The link is used, expired or unknown (or its user disabled): nothing changed. */
        LINK_REFUSED,
        /** The password was not taken (policy, or the two differ); the link still works. */
        PASSWORD_REFUSED
    }

    static final ResetOutcome DONE = new ResetOutcome(Status.DONE, null);

    static final ResetOutcome LINK_REFUSED = new ResetOutcome(Status.LINK_REFUSED, null);

    static ResetOutcome passwordRefused(MessageSourceResolvable reason) {
        return new ResetOutcome(Status.PASSWORD_REFUSED, reason);
    }
}
