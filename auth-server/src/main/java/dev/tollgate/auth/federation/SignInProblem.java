package dev.tollgate.auth.federation;

/** What the login page tells a person whose upstream sign-in did not work, in plain words. */
enum SignInProblem {

    CANCELLED("Signing in with the other provider was cancelled. You can try again, or sign in with your Tollgate "
            + "password."),
    EXPIRED("That sign-in attempt has expired or did not start here. Please start again."),
    UNAVAILABLE("The sign-in provider could not be reached or gave an answer Tollgate cannot accept. Try again later, "
            + "or sign in with your Tollgate password."),
    EMAIL_NOT_VERIFIED("That provider has not verified your email address, which Tollgate needs for signing in "
            + "with it. Verify it there and try again."),
    ACCOUNT_DISABLED("Your Tollgate account is disabled."),
    TOO_MANY_ATTEMPTS("Too many wrong passwords. Start the sign-in with the other provider again.");

    private final String message;

    SignInProblem(String message) {
        this.message = message;
    }

    String message() {
        return message;
    }
}
