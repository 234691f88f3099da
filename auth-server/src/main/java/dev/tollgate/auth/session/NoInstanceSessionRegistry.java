package dev.tollgate.auth.session;

import java.util.List;

import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;

import dev.tollgate.auth.logout.SessionBoundLogout;

/**
 * Spring Authorization Server builds an in-memory {@link SessionRegistry} unless there is one: it would know only the
 * sessions its own instance saw, never forget one (Spring Session JDBC publishes no session-destroyed events), and pick
 * an ID token's {@code sid} as the user's most recently used session, whichever browser asked. Tollgate's sessions
 * live in the shared session store, and {@link SignIns} gives each ID token the {@code sid} of the sign-in it came
 * from, so this registry keeps nothing: Spring Authorization Server then adds no {@code sid} of its own, and
 * RP-initiated logout checks the {@code sid} with {@link SessionBoundLogout}.
 */
final class NoInstanceSessionRegistry implements SessionRegistry {

    @Override
    public List<Object> getAllPrincipals() {
        return List.of();
    }

    @Override
    public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
        return List.of();
    }

    @Override
    public SessionInformation getSessionInformation(String sessionId) {
        return null;
    }

    @Override
    public void refreshLastRequest(String sessionId) {
    }

    @Override
    public void registerNewSession(String sessionId, Object principal) {
    }

    @Override
    public void removeSessionInformation(String sessionId) {
    }
}
