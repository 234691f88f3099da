package dev.tollgate.auth.federation;

import org.springframework.security.core.AuthenticationException;

/** The upstream email matches a local account: not signed in yet, the person must prove that account first. */
class AccountLinkRequired extends AuthenticationException {

    private final transient PendingLink pendingLink;

    AccountLinkRequired(PendingLink pendingLink) {
        super("the upstream identity's verified email belongs to a local account");
        this.pendingLink = pendingLink;
    }

    PendingLink pendingLink() {
        return pendingLink;
    }
}
