package dev.tollgate.auth.federation;

import java.io.Serializable;
import java.util.UUID;

/**
 * An upstream identity waiting, in the session, to be linked to the local account with the same verified email:
 * the link happens only once the person enters that account's password.
 */
record PendingLink(UpstreamIdentity identity, String providerName, UUID userId, int failedAttempts)
        implements Serializable {

    static final String SESSION_ATTRIBUTE = PendingLink.class.getName();

    static final int MAX_FAILED_ATTEMPTS = 5;

    PendingLink withFailedAttempt() {
        return new PendingLink(identity, providerName, userId, failedAttempts + 1);
    }

    boolean attemptsLeft() {
        return failedAttempts < MAX_FAILED_ATTEMPTS;
    }
}
