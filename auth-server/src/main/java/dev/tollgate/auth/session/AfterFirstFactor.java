package dev.tollgate.auth.session;

import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * What follows a sign-in's first factor (a password, an upstream provider's sign-in): the second factor, for a user
 * who has one, before the browser counts as signed in; for everyone else, where the sign-in was going. Every way of
 * signing in ends here, so that none of them skips the second factor.
 */
public interface AfterFirstFactor extends AuthenticationSuccessHandler {
}
