package dev.tollgate.auth.login;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Sign-in with brute-force protection around the password check. A locked username or address is refused
 * before any lookup, in the same words and the same time for users who exist and users who do not; every
 * failure counts against both, and a success forgets the account's failures (not the address's: an attacker
 * signing in to an account of their own must not wipe the count of a password-spraying run).
 */
final class ThrottledLogin implements AuthenticationProvider {

    private static final String UNKNOWN_ADDRESS = "unknown";

    private final AuthenticationProvider passwordCheck;
    private final LoginFailures failures;

    ThrottledLogin(AuthenticationProvider passwordCheck, LoginFailures failures) {
        this.passwordCheck = passwordCheck;
        this.failures = failures;
    }

    @Override
    public Authentication authenticate(Authentication login) {
        String username = login.getName();
        String address = addressOf(login);
        if (failures.lockedUntil(username, address).isPresent()) {
            throw new LoginLockedException();
        }
        try {
            Authentication signedIn = passwordCheck.authenticate(login);
            failures.forgetAccount(username);
            return signedIn;
        }
        catch (AuthenticationException failed) {
            if (failures.recordFailure(username, address).isPresent()) {
                throw new LoginLockedException();
            }
            throw failed;
        }
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
