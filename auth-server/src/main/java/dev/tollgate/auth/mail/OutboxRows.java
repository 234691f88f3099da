package dev.tollgate.auth.mail;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Table {@code mail_outbox} (V51). A sender claims a row with one conditional UPDATE: it takes the row only if the
 * row is due and nobody holds an unexpired lease on it, so of several instances exactly one wins; every later
 * change names the lease token, so a sender whose lease ran out changes nothing.
 */
@Component
class OutboxRows {

    private final JdbcClient jdbc;

    OutboxRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String template, String recipient, RenderedMail mail, Instant now) {
        jdbc.sql("""
                INSERT INTO mail_outbox (template, recipient, subject, text_body, html_body, created_at, next_attempt_at)
                VALUES (:template, :recipient, :subject, :text, :html, :now, :now)""")
                .param("template", template)
                .param("recipient", recipient)
                .param("subject", mail.subject())
                .param("text", mail.text())
                .param("html", mail.html())
                .param("now", at(now))
                .update();
    }

    /** The ids of up to {@code limit} rows due at {@code now} that nobody holds, oldest first. */
    List<Long> due(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id FROM mail_outbox
                WHERE next_attempt_at <= :now AND (lease_until IS NULL OR lease_until <= :now)
                ORDER BY next_attempt_at, id
                LIMIT :limit""")
                .param("now", at(now))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /** Takes row {@code id} until {@code leaseUntil} if it is still due and free; empty when another sender has it. */
    Optional<QueuedMail> claim(long id, String leaseToken, Instant now, Instant leaseUntil) {
        int claimed = jdbc.sql("""
                UPDATE mail_outbox SET lease_token = :token, lease_until = :until, attempts = attempts + 1
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
                SELECT id, template, recipient, subject, text_body, html_body, created_at, attempts, lease_token
                FROM mail_outbox WHERE id = :id AND lease_token = :token""")
                .param("id", id)
                .param("token", leaseToken)
                .query((rs, n) -> new QueuedMail(rs.getLong("id"), rs.getString("template"),
                        rs.getString("recipient"), rs.getString("subject"), rs.getString("text_body"),
                        rs.getString("html_body"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getInt("attempts"), rs.getString("lease_token")))
                .optional();
    }

    /** The mail server accepted it: the row (with the links it carries) goes. False if the lease was lost. */
    boolean delete(QueuedMail mail) {
        return jdbc.sql("DELETE FROM mail_outbox WHERE id = :id AND lease_token = :token")
                .param("id", mail.id())
                .param("token", mail.leaseToken())
                .update() == 1;
    }

    /** Releases the row for another attempt at {@code nextAttempt}. */
    void retryAt(QueuedMail mail, Instant nextAttempt, String error) {
        jdbc.sql("""
                UPDATE mail_outbox SET next_attempt_at = :next, lease_token = NULL, lease_until = NULL,
                    last_error = :error
                WHERE id = :id AND lease_token = :token""")
                .param("next", at(nextAttempt))
                .param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .param("id", mail.id())
                .param("token", mail.leaseToken())
                .update();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
