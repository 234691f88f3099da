package dev.tollgate.auth.federation;

import java.util.Locale;

/**
 * What the login page tells a person whose upstream sign-in did not work, in plain words: the message
 * {@code upstream.problem.<name>} of {@code messages/pages}, in the page's language.
 */
enum SignInProblem {

    CANCELLED, EXPIRED, UNAVAILABLE, EMAIL_NOT_VERIFIED, ACCOUNT_DISABLED, TOO_MANY_ATTEMPTS;

    /** The message key of what the login page says. */
    String messageKey() {
        return "upstream.problem." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
