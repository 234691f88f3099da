package dev.tollgate.auth.backchannel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.outbox.LeasedRows;

/**
 * Table {@code backchannel_logout_outbox} (V63), its rows claimed by one sender at a time ({@link LeasedRows}).
 */
@Component
class LogoutOutboxRows {

    private final JdbcClient jdbc;

    private final LeasedRows leases;

    LogoutOutboxRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.leases = new LeasedRows(jdbc, "backchannel_logout_outbox");
    }

    void insert(String clientId, String logoutUri, String subject, String sid, Instant now) {
        jdbc.sql("""
                INSERT INTO backchannel_logout_outbox (client_id, logout_uri, subject, sid, created_at, next_attempt_at)
                VALUES (:client, :uri, :subject, :sid, :now, :now)""")
                .param("client", clientId)
                .param("uri", logoutUri)
                .param("subject", subject)
                .param("sid", sid)
                .param("now", LeasedRows.at(now))
                .update();
    }

    List<Long> due(Instant now, int limit) {
        return leases.due(now, limit);
    }

    /** Takes row {@code id} until {@code leaseUntil} if it is still due and free; empty when another sender has it. */
    Optional<PendingLogout> claim(long id, String leaseToken, Instant now, Instant leaseUntil) {
        if (!leases.claim(id, leaseToken, now, leaseUntil)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT id, client_id, logout_uri, subject, sid, attempts, lease_token
                FROM backchannel_logout_outbox WHERE id = :id AND lease_token = :token""")
                .param("id", id)
                .param("token", leaseToken)
                .query((rs, n) -> new PendingLogout(rs.getLong("id"), rs.getString("client_id"),
                        rs.getString("logout_uri"), rs.getString("subject"), rs.getString("sid"),
                        rs.getInt("attempts"), rs.getString("lease_token")))
                .optional();
    }

    /** Delivered or given up: the row goes. */
    void delete(PendingLogout logout) {
        leases.delete(logout.id(), logout.leaseToken());
    }

    void retryAt(PendingLogout logout, Instant nextAttempt, String error) {
        leases.retryAt(logout.id(), logout.leaseToken(), nextAttempt, error);
    }
}
