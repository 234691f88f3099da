package dev.tollgate.auth.session;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;

import dev.tollgate.auth.authorization.TokenFamilies;

/**
 * A user's sign-in sessions across every instance (Spring Session JDBC indexes them by principal name, which is the
 * user's id) and what ending them takes: the sessions go, and every token the user holds is revoked, whichever
 * session or grant issued it, so no client keeps acting for the user (a disabled user, an administrator's "sign out
 * everywhere").
 */
@Service
public class UserSessions {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    private final TokenFamilies tokens;

    private final RegisteredClientRepository clients;

    public UserSessions(FindByIndexNameSessionRepository<? extends Session> sessions, TokenFamilies tokens,
            RegisteredClientRepository clients) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.clients = clients;
    }

    /** What {@link #endAll} ended. */
    public record Ended(int sessions, int authorizations) {
    }

    /** The user's live sessions, most recently used first. */
    public List<SignInSession> list(UUID userId) {
        return sessionsOf(userId).values().stream()
                .filter(session -> !session.isExpired())
                .sorted(Comparator.comparing(Session::getLastAccessedTime).reversed())
                .map(this::describe)
                .toList();
    }

    /**
     * Ends every session of the user, then revokes every token of the user: a request already under way in a session
     * cannot leave a token behind, since a token it saves after the revocation conflicts with the revoked row.
     */
    public Ended endAll(UUID userId) {
        Map<String, ? extends Session> ended = sessionsOf(userId);
        ended.keySet().forEach(sessions::deleteById);
        return new Ended(ended.size(), tokens.revokeAllOfUser(userId.toString()));
    }

    private Map<String, ? extends Session> sessionsOf(UUID userId) {
        return sessions.findByPrincipalName(userId.toString());
    }

    private SignInSession describe(Session session) {
        String digest = BrowserSession.digestOf(session.getId());
        SecurityContext context =
                session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        Authentication signIn = context == null ? null : context.getAuthentication();
        List<String> clientIds = tokens.clientsOfSession(digest).stream()
                .map(clients::findById)
                .filter(Objects::nonNull)
                .map(RegisteredClient::getClientId)
                .sorted()
                .toList();
        return new SignInSession(SignIns.sidOf(signIn).orElse(digest), session.getCreationTime(),
                session.getLastAccessedTime(), session.getAttribute(SignIns.ADDRESS_ATTRIBUTE),
                session.getAttribute(SignIns.USER_AGENT_ATTRIBUTE), clientIds);
    }
}
