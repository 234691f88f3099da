package dev.tollgate.auth.twofactor;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * A sign-in whose password was right and whose code is still to come. It is kept aside in the session, not as the
 * session's sign-in: until the code is right the browser is not signed in at all, so that no page, no authorization
 * request and no second tab can act on the password alone, whatever rules guard it.
 */
record PendingSignIn(Authentication signIn, Instant since) implements Serializable {

    /** Long enough to find the phone and type a code; a password left longer must be typed again. */
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private static final String ATTRIBUTE = PendingSignIn.class.getName();

    /** Takes the browser's sign-in back and keeps it aside for the code. */
    static void park(Authentication signIn, Instant now, HttpServletRequest request) {
        HttpSession session = request.getSession();
        SecurityContextHolder.clearContext();
        session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        session.setAttribute(ATTRIBUTE, new PendingSignIn(signIn, now));
    }

    /** The sign-in waiting for its code in this browser, unless it has waited too long. */
    static Optional<PendingSignIn> of(HttpServletRequest request, Instant now) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof PendingSignIn pending)) {
            return Optional.empty();
        }
        if (now.isAfter(pending.since().plus(LIFETIME))) {
            session.removeAttribute(ATTRIBUTE);
            return Optional.empty();
        }
        return Optional.of(pending);
    }

    static void discard(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(ATTRIBUTE);
        }
    }
}
