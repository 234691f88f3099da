package dev.tollgate.auth.signals;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.outbox.LeasedRows;

/**
 * Table {@code ssf_set_outbox} (V64): the signed SETs each stream has not acknowledged yet. Pushes claim rows one
 * sender at a time ({@link LeasedRows}); a poll reads them and its acknowledgement deletes them, so a SET leaves the
 * queue once the receiver acknowledged it either way.
 */
@Component
public class SetOutbox {

    // only enabled push streams are pushed to; a paused stream's SETs wait, a poll stream's are fetched
    private static final String PUSHED_NOW = "stream_id IN (SELECT id FROM ssf_stream WHERE status = '"
            + Stream.ENABLED + "' AND delivery_method = '" + Stream.PUSH + "')";

    private final JdbcClient jdbc;

    private final LeasedRows leases;

    SetOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.leases = new LeasedRows(jdbc, "ssf_set_outbox");
    }

    void insert(String streamId, String jti, String eventType, String securityEvent, Instant now) {
        jdbc.sql("""
                INSERT INTO ssf_set_outbox (stream_id, jti, event_type, security_event, created_at, next_attempt_at)
                VALUES (:stream, :jti, :type, :set, :now, :now)""")
                .param("stream", streamId)
                .param("jti", jti)
                .param("type", eventType)
                .param("set", securityEvent)
                .param("now", LeasedRows.at(now))
                .update();
    }

    List<Long> due(Instant now, int limit) {
        return leases.due(now, limit, PUSHED_NOW);
    }

    /** Takes row {@code id} until {@code leaseUntil} if it is still due and free; empty when another sender has it. */
    Optional<PendingSet> claim(long id, String leaseToken, Instant now, Instant leaseUntil) {
        if (!leases.claim(id, leaseToken, now, leaseUntil)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT o.id, o.stream_id, s.client_id, o.jti, o.event_type, o.security_event, s.endpoint_url,
                       s.authorization_header, o.attempts, o.lease_token
                FROM ssf_set_outbox o JOIN ssf_stream s ON s.id = o.stream_id
                WHERE o.id = :id AND o.lease_token = :token""")
                .param("id", id)
                .param("token", leaseToken)
                .query((rs, n) -> new PendingSet(rs.getLong("id"), rs.getString("stream_id"),
                        rs.getString("client_id"), rs.getString("jti"), rs.getString("event_type"),
                        rs.getString("security_event"), rs.getString("endpoint_url"),
                        rs.getString("authorization_header"), rs.getInt("attempts"), rs.getString("lease_token")))
                .optional();
    }

    /** Acknowledged or given up: the row goes. */
    void delete(PendingSet pending) {
        leases.delete(pending.id(), pending.leaseToken());
    }

    void retryAt(PendingSet pending, Instant nextAttempt, String error) {
        leases.retryAt(pending.id(), pending.leaseToken(), nextAttempt, error);
    }

    /** Drops the SETs queued before {@code cutoff}, whatever their stream; answers how many. */
    int dropQueuedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM ssf_set_outbox WHERE created_at < ?").param(LeasedRows.at(cutoff)).update();
    }

    /** Up to {@code limit} of the stream's SETs by {@code jti}, oldest first. */
    public Map<String, String> oldest(String streamId, int limit) {
        Map<String, String> sets = new LinkedHashMap<>();
        jdbc.sql("SELECT jti, security_event FROM ssf_set_outbox WHERE stream_id = :stream ORDER BY id LIMIT :limit")
                .param("stream", streamId)
                .param("limit", limit)
                .query(rs -> {
                    sets.put(rs.getString("jti"), rs.getString("security_event"));
                });
        return sets;
    }

    /** Whether the stream has more than {@code count} SETs queued. */
    public boolean moreThan(String streamId, int count) {
        return jdbc.sql("SELECT COUNT(*) FROM ssf_set_outbox WHERE stream_id = ?").param(streamId)
                .query(Long.class).single() > count;
    }

    /** Removes the stream's SETs with these {@code jti}s (RFC 8936 §2.4 {@code ack} and {@code setErrs}). */
    public int remove(String streamId, Collection<String> jtis) {
        if (jtis.isEmpty()) {
            return 0;
        }
        return jdbc.sql("DELETE FROM ssf_set_outbox WHERE stream_id = :stream AND jti IN (:jtis)")
                .param("stream", streamId)
                .param("jtis", List.copyOf(jtis))
                .update();
    }
}
