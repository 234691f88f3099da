package dev.tollgate.auth.mail;

import java.time.Instant;

/** A row of {@code mail_outbox} that one sender has claimed, with the lease it claimed it under. */
record QueuedMail(long id, String template, String recipient, String subject, String text, String html,
        Instant createdAt, int attempts, String leaseToken) {
}
