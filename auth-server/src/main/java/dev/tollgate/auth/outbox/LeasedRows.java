package dev.tollgate.auth.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The claiming of an outbox table's rows by several senders (threads, instances on one database): each row has
 * {@code next_attempt_at}, {@code attempts}, {@code lease_token}, {@code lease_until} and {@code last_error}. A sender
 * takes a row with one conditional UPDATE that succeeds only if the row is due and nobody holds an unexpired lease on
 * it, so of several senders exactly one wins; every later change names the lease token, so a sender whose lease ran
 * out changes nothing. Used by the mail outbox (V51), the back-channel logout outbox (V63) and the Shared Signals
 * outbox (V64).
 */
public final class LeasedRows {

    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_]+");

    private final JdbcClient jdbc;

    private final String table;

    public LeasedRows(JdbcClient jdbc, String table) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        this.jdbc = jdbc;
        this.table = table;
    }

    /** The ids of up to {@code limit} rows due at {@code now} that nobody holds, oldest first. */
    public List<Long> due(Instant now, int limit) {
        return due(now, limit, "TRUE");
    }

    /**
     * As {@link #due(Instant, int)}, of the rows that also meet {@code condition} (SQL of the caller's own, never
     * input): the SETs of streams that are pushed to now.
     */
    public List<Long> due(Instant now, int limit, String condition) {
        return jdbc.sql("SELECT id FROM " + table
                        + " WHERE next_attempt_at <= :now AND (lease_until IS NULL OR lease_until <= :now)"
                        + " AND (" + condition + ") ORDER BY next_attempt_at, id LIMIT :limit")
                .param("now", at(now))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /**
     * Takes row {@code id} until {@code leaseUntil} and counts the attempt, if the row is still due and free; false
     * when another sender has it.
     */
    public boolean claim(long id, String leaseToken, Instant now, Instant leaseUntil) {
        return jdbc.sql("UPDATE " + table
                        + " SET lease_token = :token, lease_until = :until, attempts = attempts + 1"
                        + " WHERE id = :id AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until <= :now)")
                .param("token", leaseToken)
                .param("until", at(leaseUntil))
                .param("id", id)
                .param("now", at(now))
                .update() == 1;
    }

    /** Done with the row: it goes. False if the lease was lost. */
    public boolean delete(long id, String leaseToken) {
        return jdbc.sql("DELETE FROM " + table + " WHERE id = :id AND lease_token = :token")
                .param("id", id)
                .param("token", leaseToken)
                .update() == 1;
    }

    /** Releases the row for another attempt at {@code nextAttempt}, remembering why this one failed. */
    public void retryAt(long id, String leaseToken, Instant nextAttempt, String error) {
        jdbc.sql("UPDATE " + table
                        + " SET next_attempt_at = :next, lease_token = NULL, lease_until = NULL, last_error = :error"
                        + " WHERE id = :id AND lease_token = :token")
                .param("next", at(nextAttempt))
                .param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .param("id", id)
                .param("token", leaseToken)
                .update();
    }

    /** How the outbox tables store times. */
    public static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
