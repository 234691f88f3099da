package dev.tollgate.auth.mail;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.outbox.LeasedRows;

/**
 * Table {@code mail_outbox} (V51), its rows claimed by one sender at a time ({@link LeasedRows}).
 */
@Component
class OutboxRows {

    private final JdbcClient jdbc;

    private final LeasedRows leases;

    OutboxRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.leases = new LeasedRows(jdbc, "mail_outbox");
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
                .param("now", LeasedRows.at(now))
                .update();
    }

    /** The ids of up to {@code limit} rows due at {@code now} that nobody holds, oldest first. */
    List<Long> due(Instant now, int limit) {
        return leases.due(now, limit);
    }

    /** Takes row {@code id} until {@code leaseUntil} if it is still due and free; empty when another sender has it. */
    Optional<QueuedMail> claim(long id, String leaseToken, Instant now, Instant leaseUntil) {
        if (!leases.claim(id, leaseToken, now, leaseUntil)) {
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
        return leases.delete(mail.id(), mail.leaseToken());
    }

    /** Releases the row for another attempt at {@code nextAttempt}. */
    void retryAt(QueuedMail mail, Instant nextAttempt, String error) {
        leases.retryAt(mail.id(), mail.leaseToken(), nextAttempt, error);
    }
}
