package dev.tollgate.auth.session;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.tollgate.auth.secret.Sha256SecretEncoder;

/**
 * Identifies the user's browser session at Tollgate by a digest of its id, so that what was authorized in it can be
 * revoked at sign-out without storing a usable session id.
 */
public final class BrowserSession {

    private static final Sha256SecretEncoder DIGEST = new Sha256SecretEncoder();

    private BrowserSession() {
    }

    /** The session of the request being served, if it has one. */
    public static Optional<String> currentDigest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? digestOf(attributes.getRequest()) : Optional.empty();
    }

    public static Optional<String> digestOf(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.of(DIGEST.encode(session.getId()));
    }
}
