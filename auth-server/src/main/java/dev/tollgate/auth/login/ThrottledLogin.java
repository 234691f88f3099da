package dev.tollgate.auth.login;

import java.time.Clock;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.login.LoginFailures.CountedGuess;
import dev.tollgate.auth.session.SignIns;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * The one check of a user's password, with brute-force protection around it: the sign-in form and every other
 * page that asks for a user's password (such as linking an upstream sign-in to the account) go through it, so they
 * share one lockout. Each guess is counted against the username and the client address before the password is
 * checked (see {@link LoginFailures}); a locked username or address is refused before any lookup, in the same words
 * and the same time for users who exist and users who do not. A success takes its guess back.
 * <p>
 * Every outcome is a security event: {@code SIGN_IN}, {@code SIGN_IN_FAILED} (with a {@code reason}) and
 * {@code ACCOUNT_LOCKED} for the guess that reached a limit. They name the user by id when the username is one, never
 * by what was typed (a password typed into the username field must not end up in the audit trail).
 */
public final class ThrottledLogin implements AuthenticationProvider {

    private static final String UNKNOWN_ADDRESS = "unknown";

    private final AuthenticationProvider passwordCheck;
    private final LoginFailures failures;
    private final Clock clock;
    private final UserRepository users;
    private final AuditLog audit;
    private final SecondFactors secondFactors;

    ThrottledLogin(AuthenticationProvider passwordCheck, LoginFailures failures, Clock clock, UserRepository users,
            AuditLog audit, SecondFactors secondFactors) {
        this.passwordCheck = passwordCheck;
        this.secondFactors = secondFactors;
        this.failures = failures;
        this.clock = clock;
        this.users = users;
        this.audit = audit;
    }

    /**
     * Checks a password that a signed-in user types again (to link an upstream account, change the password, turn
     * off two-step verification) exactly as a sign-in from that browser, so that wrong ones count in the lockout and
     * no such form is a side door for guessing.
     *
     * @throws AuthenticationException when the password is wrong or the account or address is locked
     */
    public Authentication recheck(String username, String password, WebAuthenticationDetails from) {
        UsernamePasswordAuthenticationToken signIn = UsernamePasswordAuthenticationToken.unauthenticated(username,
                password);
        signIn.setDetails(from);
        return authenticate(signIn);
    }

    /**
     * @param login a {@link UsernamePasswordAuthenticationToken} whose details are the request's
     *        {@link WebAuthenticationDetails}, for the client address
     * @throws LoginLockedException when the username or the address is locked, or this wrong password locks it
     */
    @Override
    public Authentication authenticate(Authentication login) {
        String address = addressOf(login);
        CountedGuess guess;
        try {
            guess = failures.countGuess(login.getName(), address);
        }
        catch (LoginLockedException locked) {
            audit.record(failed(login, address, "locked"));
            throw locked;
        }
        Authentication signedIn;
        try {
            signedIn = passwordCheck.authenticate(login);
        }
        catch (AuthenticationException failed) {
            SecurityEvent refused = failed(login, address,
                    failed instanceof DisabledException ? "disabled" : "bad_credentials");
            audit.record(refused);
            if (guess.locksOnFailure()) {
                audit.record(locked(refused, guess));
                throw new LoginLockedException();
            }
            throw failed;
        }
        if (secondFactors.requiredAfterPassword(signedIn.getName())) {
            failures.passwordRightSecondFactorPending(guess);
        }
        else {
            failures.succeeded(guess);
        }
        audit.record(SecurityEvent.of(SecurityEventType.SIGN_IN)
                .with(SecurityEvent.USER, signedIn.getName())
                .with(SecurityEvent.ADDRESS, address)
                .with("method", "password"));
        UsernamePasswordAuthenticationToken stamped = UsernamePasswordAuthenticationToken.authenticated(
                signedIn.getPrincipal(), signedIn.getCredentials(), SignIns.stamped(signedIn.getAuthorities(), clock));
        stamped.setDetails(signedIn.getDetails());
        return stamped;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private SecurityEvent failed(Authentication login, String address, String reason) {
        return SecurityEvent.of(SecurityEventType.SIGN_IN_FAILED)
                .with(SecurityEvent.USER, userIdOf(login.getName()).orElse(null))
                .with(SecurityEvent.ADDRESS, address)
                .with("method", "password")
                .with("reason", reason);
    }

    private static SecurityEvent locked(SecurityEvent failure, CountedGuess guess) {
        String what = guess.accountLock() != null && guess.addressLock() != null ? "account address"
                : guess.accountLock() != null ? "account" : "address";
        SecurityEvent locked = SecurityEvent.of(SecurityEventType.ACCOUNT_LOCKED)
                .with(SecurityEvent.USER, failure.details().get(SecurityEvent.USER))
                .with(SecurityEvent.ADDRESS, failure.details().get(SecurityEvent.ADDRESS))
                .with("locked", what);
        return locked.with("until", guess.accountLock() != null ? guess.accountLock() : guess.addressLock());
    }

    private Optional<String> userIdOf(String username) {
        return username == null ? Optional.empty()
                : users.findByUsername(username).map(TollgateUser::id).map(Object::toString);
    }

    private static String addressOf(Authentication login) {
        return login.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                ? details.getRemoteAddress() : UNKNOWN_ADDRESS;
    }
}
