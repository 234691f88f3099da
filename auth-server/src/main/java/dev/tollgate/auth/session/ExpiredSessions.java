package dev.tollgate.auth.session;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.convert.ConversionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.backchannel.BackChannelLogout;
import dev.tollgate.auth.signals.SharedSignals;

/**
 * Ends the sign-in sessions that were idle longer than {@code server.servlet.session.timeout} (README "Back-channel
 * logout"): the clients that signed in through one get a logout token ({@link BackChannelLogout}), resource servers a
 * {@code session-revoked} ({@link SharedSignals}), the expiry is
 * audited ({@code SESSION_EXPIRED}), then the session's rows go, all in one transaction per batch. Spring Session
 * JDBC would delete expired rows without telling anyone, so its own cleanup is switched off
 * ({@code spring.session.jdbc.cleanup-cron: "-"}) and {@link SessionConfig} keeps it from deleting one when its
 * browser comes back: this sweep is the only way an expired session leaves.
 * <p>
 * The session's tokens stay valid: a refresh token has its own idle timeout and lifetime (README "Tokens"), and an
 * application the user keeps using through refresh tokens does not touch the Tollgate session, which therefore says
 * nothing about whether that grant is still in use (signing out, by contrast, is the user's wish to end it).
 * <p>
 * Several instances sweeping at once end each session once: a batch locks its rows ({@code FOR UPDATE SKIP LOCKED}),
 * so another sweep passes them over, and a request that renews a session meanwhile takes it out of the batch.
 */
@Component
public class ExpiredSessions {

    private static final Log log = LogFactory.getLog(ExpiredSessions.class);

    private final JdbcClient jdbc;

    private final TransactionOperations transactions;

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    private final UserSessions userSessions;

    private final BackChannelLogout backChannelLogout;

    private final AuditLog audit;

    private final Clock clock;

    private final int batchSize;

    private final SharedSignals signals;

    ExpiredSessions(JdbcClient jdbc, TransactionOperations transactions,
            FindByIndexNameSessionRepository<? extends Session> sessions, UserSessions userSessions,
            BackChannelLogout backChannelLogout, AuditLog audit, Clock clock, SessionExpiryProperties properties,
            SharedSignals signals) {
        this.signals = signals;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.sessions = sessions;
        this.userSessions = userSessions;
        this.backChannelLogout = backChannelLogout;
        this.audit = audit;
        this.clock = clock;
        this.batchSize = properties.batchSize();
    }

    /** Every {@code tollgate.session-expiry.sweep-interval}, on one instance at a time (the others skip that round). */
    @Scheduled(fixedDelayString = SessionExpiryProperties.SWEEP_INTERVAL,
            initialDelayString = SessionExpiryProperties.SWEEP_INTERVAL)
    @SchedulerLock(name = "expired-session-sweep")
    public void scheduledSweep() {
        endExpired();
    }

    /** Ends every session expired now; answers how many of them were signed in. */
    public int endExpired() {
        int signedIn = 0;
        Batch batch;
        do {
            Instant now = clock.instant();
            batch = transactions.execute(status -> endBatch(now));
            signedIn += batch.signedIn();
        }
        while (batch.taken() == batchSize);
        if (signedIn > 0) {
            log.info("Ended " + signedIn + " expired sign-in sessions");
        }
        return signedIn;
    }

    private record Expired(String primaryId, String sessionId, String principalName) {
    }

    private record Batch(int taken, int signedIn) {
    }

    private Batch endBatch(Instant now) {
        List<Expired> expired = jdbc.sql("""
                SELECT primary_id, session_id, principal_name FROM spring_session
                WHERE expiry_time < :now ORDER BY expiry_time LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("now", now.toEpochMilli())
                .param("limit", batchSize)
                .query((rs, row) -> new Expired(rs.getString("primary_id"), rs.getString("session_id"),
                        rs.getString("principal_name")))
                .list();
        int signedIn = 0;
        for (Expired session : expired) {
            if (session.principalName() != null && ended(session)) {
                signedIn++;
            }
        }
        if (!expired.isEmpty()) {
            jdbc.sql("DELETE FROM spring_session WHERE primary_id IN (:ids)")
                    .param("ids", expired.stream().map(Expired::primaryId).toList())
                    .update();
        }
        return new Batch(expired.size(), signedIn);
    }

    private boolean ended(Expired expired) {
        // the store's own reading, which keeps expired sessions (unlike findById, which would delete this one)
        Session session = sessions.findByPrincipalName(expired.principalName()).get(expired.sessionId());
        Authentication signIn;
        try {
            signIn = session == null ? null : UserSessions.signInOf(session);
        }
        catch (ConversionException unreadable) {
            // e.g. written by a version whose classes changed: it goes untold rather than hold up every later sweep
            log.warn("Expired session of user " + expired.principalName() + " is unreadable, ended without telling"
                    + " its clients: " + unreadable);
            return false;
        }
        if (signIn == null) {
            return false;
        }
        String digest = BrowserSession.digestOf(expired.sessionId());
        backChannelLogout.sessionEnded(signIn.getName(), SignIns.sidOf(signIn), digest);
        signals.sessionRevoked(signIn.getName(), SignIns.sidOf(signIn));
        audit.record(SecurityEvent.of(SecurityEventType.SESSION_EXPIRED)
                .with(SecurityEvent.USER, signIn.getName())
                .with("sid", SignIns.sidOf(signIn).orElse(null))
                .with("clients", String.join(" ", userSessions.clientIdsOf(digest)))
                .with("last_used", session.getLastAccessedTime()));
        return true;
    }
}
