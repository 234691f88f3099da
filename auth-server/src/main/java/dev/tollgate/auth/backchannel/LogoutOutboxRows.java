package dev.tollgate.auth.backchannel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Table {@code backchannel_logout_outbox} (V63). A sender claims a row with one conditional UPDATE that takes it only
 * if it is due and nobody holds an unexpired lease on it, so of several instances exactly one sends it; every later
 * change names the lease token, so a sender whose lease ran out changes nothing.
 */
@Component
class LogoutOutboxRows {

    private final JdbcClient jdbc;

    LogoutOutboxRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String clientId, String logoutUri, String subject, String sid, Instant now) {
        jdbc.sql("""
                INSERT INTO backchannel_logout_outbox (client_id, logout_uri, subject, sid, created_at, next_attempt_at)
                VALUES (:client, :uri, :subject, :sid, :now, :now)""")
                .param("client", clientId)
                .param("uri", logoutUri)
                .param("subject", subject)
                .param("sid", sid)
                .param("now", at(now))
                .update();
    }

    /** The ids of up to {@code limit} rows due at {@code now} that nobody holds, oldest first. */
    List<Long> due(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id FROM backchannel_logout_outbox
                WHERE next_attempt_at <= :now AND (lease_until IS NULL OR lease_until <= :now)
                ORDER BY next_attempt_at, id
                LIMIT :limit""")
                .param("now", at(now))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /** Takes row {@code id} until {@code leaseUntil} if it is still due and free; empty when another sender has it. */
    Optional<PendingLogout> claim(long id, String leaseToken, Instant now, Instant leaseUntil) {
        int claimed = jdbc.sql("""
                UPDATE backchannel_logout_outbox SET lease_token = :token, lease_until = :until, attempts = attempts + 1
                WHERE id = :id AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until <= :now)""")
                .param("token", leaseToken)
                .param("until", at(leaseUntil))
                .param("id", id)
                .param("now", at(now))
                .update();
        if (claimed == 0) {
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

    /** Delivered or given up: the row goes. False if the lease was lost. */
    boolean delete(PendingLogout logout) {
        return jdbc.sql("DELETE FROM backchannel_logout_outbox WHERE id = :id AND lease_token = :token")
                .param("id", logout.id())
                .param("token", logout.leaseToken())
                .update() == 1;
    }

    /** Releases the row for another attempt at {@code nextAttempt}. */
    void retryAt(PendingLogout logout, Instant nextAttempt, String error) {
        jdbc.sql("""
                UPDATE backchannel_logout_outbox SET next_attempt_at = :next, lease_token = NULL, lease_until = NULL,
                    last_error = :error
                WHERE id = :id AND lease_token = :token""")
                .param("next", at(nextAttempt))
                .param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .param("id", logout.id())
                .param("token", logout.leaseToken())
                .update();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
