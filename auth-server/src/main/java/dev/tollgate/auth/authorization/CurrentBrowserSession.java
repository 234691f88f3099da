package dev.tollgate.auth.authorization;

import java.util.Optional;

/**
 * The browser session, as a digest of its id, of the request being served: the store records it with an
 * authorization the user grants, so that signing out of that session revokes it. The web layer answers it; the store
 * never reads the HTTP request itself.
 */
@FunctionalInterface
public interface CurrentBrowserSession {

    /** Empty outside a request, or for a request without a session. */
    Optional<String> digest();
}
