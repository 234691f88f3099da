package dev.tollgate.auth.web;

import org.springframework.core.Ordered;

/**
 * The order of the security filter chains, first match wins. Each chain but the last matches only its own paths, and
 * no two of those overlap; the last one takes whatever is left.
 */
public final class FilterChainOrder {

    /** The OAuth 2.1 / OpenID Connect protocol endpoints of Spring Authorization Server (config). */
    public static final int PROTOCOL_ENDPOINTS = Ordered.HIGHEST_PRECEDENCE;

    /** {@code /actuator/**} (operations). */
    public static final int OPERATIONS = 1;

    /** Sign-in with an upstream provider and linking it to an account (federation), when a provider is configured. */
    public static final int FEDERATION = 2;

    /** {@code /admin/api/**} and {@code /scim/v2/**}: bearer tokens with scope {@code tollgate.admin} (admin). */
    public static final int ADMIN_API = 3;

    /**
     * {@code /.well-known/ssf-configuration} and {@code /ssf/**}: the Shared Signals transmitter, bearer tokens with
     * scope {@code ssf.manage} (config, for signals).
     */
    public static final int SHARED_SIGNALS = 4;

    /** Everything else: the hosted pages (the HTML admin console included), form sign-in and sign-out (config). */
    public static final int HOSTED_PAGES = 5;

    private FilterChainOrder() {
    }
}
