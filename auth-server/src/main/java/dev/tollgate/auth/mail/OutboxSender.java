package dev.tollgate.auth.mail;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends the due mail of {@code mail_outbox} over SMTP, one claimed row at a time: a row leaves the table once the
 * mail server has accepted its mail; a failure releases it for another attempt after an exponential backoff
 * ({@code tollgate.mail.retry-delay}, doubled up to {@code max-retry-delay}) until {@code give-up-after}. Of several
 * senders (threads or instances on one database) exactly one claims each row ({@link OutboxRows#claim}); only an
 * instance that dies between the server's acceptance and the delete can make a mail go out twice.
 */
class OutboxSender {

    static final int BATCH_SIZE = 50;

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    private final OutboxRows rows;

    private final JavaMailSender smtp;

    private final MailOutboxProperties properties;

    private final InternetAddress from;

    private final Clock clock;

    OutboxSender(OutboxRows rows, JavaMailSender smtp, MailOutboxProperties properties, Clock clock) {
        this.rows = rows;
        this.smtp = smtp;
        this.properties = properties;
        this.from = MailOutbox.address(properties.from());
        this.clock = clock;
    }

    /** Sends every mail due now; answers how many the mail server accepted. */
    int sendDue() {
        int sent = 0;
        List<Long> due;
        do {
            due = rows.due(clock.instant(), BATCH_SIZE);
            for (long id : due) {
                Instant now = clock.instant();
                Optional<QueuedMail> claimed = rows.claim(id, UUID.randomUUID().toString(), now, now.plus(properties.lease()));
                if (claimed.isPresent() && send(claimed.get())) {
                    sent++;
                }
            }
        }
        while (due.size() == BATCH_SIZE);
        return sent;
    }

    private boolean send(QueuedMail mail) {
        try {
            smtp.send(message(mail));
        }
        catch (MailException | MessagingException failed) {
            failedAttempt(mail, failed);
            return false;
        }
        if (!rows.delete(mail)) {
            log.warn("Mail {} ({}) was sent after its lease ran out; another instance may send it again", mail.id(),
                    mail.template());
        }
        log.info("Sent mail {} ({}) after {} attempt(s)", mail.id(), mail.template(), mail.attempts());
        return true;
    }

    private void failedAttempt(QueuedMail mail, Exception failed) {
        Instant now = clock.instant();
        if (!now.isBefore(mail.createdAt().plus(properties.giveUpAfter()))) {
            rows.delete(mail);
            log.error("Gave up on mail {} ({}) after {} attempts over {}: {}", mail.id(), mail.template(),
                    mail.attempts(), properties.giveUpAfter(), failed.toString());
            return;
        }
        Instant next = now.plus(backoff(mail.attempts()));
        rows.retryAt(mail, next, failed.toString());
        log.warn("Mail {} ({}) not sent, attempt {}; next attempt at {}: {}", mail.id(), mail.template(),
                mail.attempts(), next, failed.toString());
    }

    /** The wait after the {@code attempts}-th failure: the retry delay, doubled per further failure, capped. */
    Duration backoff(int attempts) {
        Duration delay = properties.retryDelay();
        for (int i = 1; i < attempts && delay.compareTo(properties.maxRetryDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(properties.maxRetryDelay()) > 0 ? properties.maxRetryDelay() : delay;
    }

    /** The mail as multipart/alternative (RFC 2046 5.1.4): the text part first, the preferred HTML part last. */
    private MimeMessage message(QueuedMail mail) throws MessagingException {
        MimeMessage message = smtp.createMimeMessage();
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, MailOutbox.address(mail.recipient()));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(mail.createdAt()));
        // RFC 3834: written by a machine, so that auto-responders do not answer it
        message.setHeader("Auto-Submitted", "auto-generated");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
        message.setContent(new MimeMultipart("alternative", text, html));
        return message;
    }
}
