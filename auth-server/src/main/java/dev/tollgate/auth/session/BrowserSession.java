package dev.tollgate.auth.session;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import dev.tollgate.auth.secret.SecretDigest;

/**
 * Identifies the user's browser session at Tollgate by a digest of its id, so that what was authorized in it can be
 * revoked at sign-out without storing a usable session id.
 */
public final class BrowserSession {

    private static final SecretDigest DIGEST = new SecretDigest();

    private BrowserSession() {
    }

    public static Optional<String> digestOf(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.of(digestOf(session.getId()));
    }

    /** The digest of the session with this id, as its authorizations record it. */
    public static String digestOf(String sessionId) {
        return DIGEST.encode(sessionId);
    }
}
