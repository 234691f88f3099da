package dev.tollgate.auth.session;

import java.time.Instant;
import java.util.List;

/**
 * One sign-in session of a user at Tollgate, as an administrator sees it. {@code id} is the session's {@code sid}
 * (a digest, also in the ID tokens issued in it), never the session cookie's value; {@code clients} are the client ids
 * that got tokens through this session.
 */
public record SignInSession(String id, Instant created, Instant lastUsed, String address, String userAgent,
        List<String> clients) {
}
