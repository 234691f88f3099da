package dev.tollgate.auth.session;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.auth.authorization.RevocationCause;
import dev.tollgate.auth.authorization.TokenFamilies;
import dev.tollgate.auth.backchannel.BackChannelLogout;
import dev.tollgate.auth.signals.SharedSignals;

/**
 * A user's sign-in sessions across every instance (Spring Session JDBC indexes them by principal name, which is the
 * user's id) and what ending them takes: the sessions go, and every token the user holds is revoked, whichever
 * session or grant issued it, so no client keeps acting for the user (a disabled user, an administrator's "sign out
 * everywhere"). Each ended session is told to the clients that signed in through it ({@link BackChannelLogout}) and to
 * resource servers ({@link SharedSignals}), in one transaction per change, so that its events share one {@code txn}.
 */
@Service
public class UserSessions {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    private final TokenFamilies tokens;

    private final RegisteredClientRepository clients;

    private final BackChannelLogout backChannelLogout;

    private final JdbcClient jdbc;

    private final SharedSignals signals;

    public UserSessions(FindByIndexNameSessionRepository<? extends Session> sessions, TokenFamilies tokens,
            RegisteredClientRepository clients, BackChannelLogout backChannelLogout, JdbcClient jdbc,
            SharedSignals signals) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.clients = clients;
        this.backChannelLogout = backChannelLogout;
        this.jdbc = jdbc;
        this.signals = signals;
    }

    /** What {@link #endAll} ended. */
    public record Ended(int sessions, int authorizations) {
    }

    /** The user's live sessions, most recently used first. */
    public List<SignInSession> list(UUID userId) {
        return sessionsOf(userId).values().stream()
                .sorted(Comparator.comparing(Session::getLastAccessedTime).reversed())
                .map(this::describe)
                .toList();
    }

    /**
     * Ends every session of the user, then revokes every token of the user: a request already under way in a session
     * cannot leave a token behind, since a token it saves after the revocation conflicts with the revoked row.
     * Resource servers hear of it as one {@code session-revoked} for the user (README "Shared Signals").
     *
     * @param cause why: {@link RevocationCause#SESSIONS_ENDED} or {@link RevocationCause#ACCOUNT_DISABLED}
     */
    @Transactional
    public Ended endAll(UUID userId, RevocationCause cause) {
        Map<String, ? extends Session> ended = sessionsOf(userId);
        ended.values().forEach(session -> delete(session, false));
        if (!ended.isEmpty()) {
            signals.allSessionsRevoked(userId.toString());
        }
        return new Ended(ended.size(), tokens.revokeAllOfUser(userId.toString(), cause));
    }

    /** The id under which {@link #list} shows the session with this (servlet) session id, if it is the user's. */
    public Optional<String> listedIdOf(UUID userId, String sessionId) {
        return Optional.ofNullable(sessionsOf(userId).get(sessionId)).map(UserSessions::listedIdOf);
    }

    /**
     * Ends one session of the user, found by the id {@link #list} shows, and revokes the tokens granted in it, as
     * signing out there would; false when the user has no such session (nobody ends another user's session by its
     * id).
     */
    @Transactional
    public boolean end(UUID userId, String listedId) {
        Optional<? extends Session> session = sessionsOf(userId).values().stream()
                .filter(candidate -> listedIdOf(candidate).equals(listedId))
                .findFirst();
        session.ifPresent(this::endWithItsTokens);
        return session.isPresent();
    }

    /**
     * Ends every session of the user but the one with this (servlet) session id, and revokes the tokens granted in
     * each of them, as signing out there would.
     */
    @Transactional
    public Ended endAllExcept(UUID userId, String keptSessionId) {
        List<? extends Session> others = othersOf(userId, keptSessionId);
        return new Ended(others.size(), others.stream().mapToInt(this::endWithItsTokens).sum());
    }

    /**
     * Ends every session of the user but the one with this (servlet) session id, then revokes every token of the
     * user that was not granted in the kept session, whichever session or grant issued it: after a password change
     * only the person who made it keeps acting as the user.
     */
    @Transactional
    public Ended endAllExceptAndRevokeOtherTokens(UUID userId, String keptSessionId) {
        List<? extends Session> others = othersOf(userId, keptSessionId);
        others.forEach(session -> delete(session, true));
        return new Ended(others.size(), tokens.revokeAllOfUserExceptSession(userId.toString(),
                BrowserSession.digestOf(keptSessionId)));
    }

    private List<? extends Session> othersOf(UUID userId, String keptSessionId) {
        return sessionsOf(userId).values().stream()
                .filter(session -> !session.getId().equals(keptSessionId))
                .toList();
    }

    // the session first: a request under way in it cannot leave a token behind (see endAll)
    private int endWithItsTokens(Session session) {
        delete(session, true);
        return tokens.revokeAllOfSession(BrowserSession.digestOf(session.getId()), RevocationCause.SESSIONS_ENDED);
    }

    /**
     * Deletes the session's row in the caller's transaction, and tells its clients only if this call removed it: a
     * session that {@link ExpiredSessions} is ending at the same moment is told once, by whichever of the two removes
     * it (the other waits for the row and then deletes nothing). Not in a transaction of its own: a caller inside a
     * transaction would then hold two pooled connections at once, and callers enough to exhaust the pool would wait
     * on each other (seen on PostgreSQL under load). A request of the ended session waits at most for the caller's
     * commit. Resource servers are told too if {@code signalled} (one by
     * one; {@link #endAll} tells them once for all).
     */
    private void delete(Session session, boolean signalled) {
        boolean removed = jdbc.sql("DELETE FROM spring_session WHERE session_id = ?").param(session.getId())
                .update() == 1;
        Authentication signIn = signInOf(session);
        if (removed && signIn != null) {
            backChannelLogout.sessionEnded(signIn.getName(), SignIns.sidOf(signIn),
                    BrowserSession.digestOf(session.getId()));
            if (signalled) {
                signals.sessionRevoked(signIn.getName(), SignIns.sidOf(signIn));
            }
        }
    }

    /** The user's sessions by id; the expired ones are left to {@link ExpiredSessions}, which ends them. */
    private Map<String, ? extends Session> sessionsOf(UUID userId) {
        return sessions.findByPrincipalName(userId.toString()).entrySet().stream()
                .filter(session -> !session.getValue().isExpired())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The session's {@code sid}; the digest of its id for a session signed in without one. */
    private static String listedIdOf(Session session) {
        return SignIns.sidOf(signInOf(session)).orElseGet(() -> BrowserSession.digestOf(session.getId()));
    }

    static Authentication signInOf(Session session) {
        SecurityContext context =
                session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        return context == null ? null : context.getAuthentication();
    }

    private SignInSession describe(Session session) {
        return new SignInSession(listedIdOf(session), session.getCreationTime(),
                session.getLastAccessedTime(), session.getAttribute(SignIns.ADDRESS_ATTRIBUTE),
                session.getAttribute(SignIns.USER_AGENT_ATTRIBUTE),
                clientIdsOf(BrowserSession.digestOf(session.getId())));
    }

    /** The client ids that got tokens through the session with this digest, sorted. */
    List<String> clientIdsOf(String sessionDigest) {
        return tokens.clientsOfSession(sessionDigest).stream()
                .map(clients::findById)
                .filter(Objects::nonNull)
                .map(RegisteredClient::getClientId)
                .sorted()
                .toList();
    }
}
