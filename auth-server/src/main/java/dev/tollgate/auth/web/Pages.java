package dev.tollgate.auth.web;

/**
 * The paths of Tollgate's own pages that other features send the browser to. They live here, below every feature,
 * so that a feature can link to another's page without depending on it.
 */
public final class Pages {

    /** The sign-in page (form login; "Continue with ..." for upstream providers). */
    public static final String LOGIN = "/login";

    /** The sign-out page: a form that posts to itself. */
    public static final String LOGOUT = "/logout";

    /** The consent page of the authorization endpoint. */
    public static final String CONSENT = "/oauth2/consent";

    /** Where a user who forgot their password asks for a reset link by mail. */
    public static final String FORGOT_PASSWORD = "/forgot-password";

    /** Self-registration ({@code tollgate.registration.enabled}). */
    public static final String REGISTER = "/register";

    /** The page of the link that verifies an email address. */
    public static final String VERIFY_EMAIL = "/verify-email";

    /** The signed-in user's own account page. */
    public static final String ACCOUNT = "/account";

    /** Where a sign-in asks for the second factor (a TOTP or recovery code) after the password. */
    public static final String TWO_FACTOR = "/login/two-factor";

    /** Setting up a second factor (TOTP) from the account page. */
    public static final String TWO_FACTOR_SETUP = "/account/two-factor";

    private Pages() {
    }
}
