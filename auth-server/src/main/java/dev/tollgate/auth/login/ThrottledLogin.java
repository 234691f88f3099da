package dev.tollgate.auth.login;

import java.time.Clock;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import dev.tollgate.auth.login.LoginFailures.CountedGuess;
import dev.tollgate.auth.session.SignIns;

/**
 * The one check of a user's password, with brute-force protection around it: the sign-in form and every other
 * page that asks for a user's password (such as linking an upstream sign-in to the account) go through it, so they
 * share one lockout. Each guess is counted against the username and the client address before the password is
 * checked (see {@link LoginFailures}); a locked username or address is refused before any lookup, in the same words
 * and the same time for users who exist and users who do not. A success takes its guess back.
 */
public final class ThrottledLogin implements AuthenticationProvider {

    private static final String UNKNOWN_ADDRESS = "unknown";

    private final AuthenticationProvider passwordCheck;
    private final LoginFailures failures;
    private final Clock clock;

    ThrottledLogin(AuthenticationProvider passwordCheck, LoginFailures failures, Clock clock) {
        this.passwordCheck = passwordCheck;
        this.failures = failures;
        this.clock = clock;
    }

    /**
     * @param login a {@link UsernamePasswordAuthenticationToken} whose details are the request's
     *        {@link WebAuthenticationDetails}, for the client address
     * @throws LoginLockedException when the username or the address is locked, or this wrong password locks it
     */
    @Override
    public Authentication authenticate(Authentication login) {
        CountedGuess guess = failures.countGuess(login.getName(), addressOf(login));
        Authentication signedIn;
        try {
            signedIn = passwordCheck.authenticate(login);
        }
        catch (AuthenticationException failed) {
            if (guess.locksOnFailure()) {
                throw new LoginLockedException();
            }
            throw failed;
        }
        failures.succeeded(guess);
        UsernamePasswordAuthenticationToken stamped = UsernamePasswordAuthenticationToken.authenticated(
                signedIn.getPrincipal(), signedIn.getCredentials(), SignIns.stamped(signedIn.getAuthorities(), clock));
        stamped.setDetails(signedIn.getDetails());
        return stamped;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String addressOf(Authentication login) {
        return login.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                ? details.getRemoteAddress() : UNKNOWN_ADDRESS;
    }
}
