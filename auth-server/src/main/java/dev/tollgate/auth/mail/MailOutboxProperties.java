package dev.tollgate.auth.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.mail.*}: how queued mail leaves (README "Mail"). The SMTP server itself is Spring Boot's
 * {@code spring.mail.*} ({@code MAIL_HOST}, {@code MAIL_PORT}, ...); without a host, mail stays queued.
 *
 * @param from the {@code From} address of every mail (RFC 5322 mailbox, a display name may come first)
 * @param retryDelay the wait after the first failed attempt; each further failure doubles it
 * @param maxRetryDelay the longest wait between two attempts
 * @param giveUpAfter a mail not accepted by the mail server this long after it was queued is dropped, with an error
 *        in the log
 * @param sweepInterval how often every instance looks for due mail besides the wake-up after each commit
 * @param lease how long an instance holds a mail it is sending before another instance may take it over; longer than
 *        the SMTP timeouts together, so that a slow server cannot make a mail go out twice
 */
@ConfigurationProperties("tollgate.mail")
public record MailOutboxProperties(
        @DefaultValue("Tollgate <no-reply@localhost>") String from,
        @DefaultValue("30s") Duration retryDelay,
        @DefaultValue("1h") Duration maxRetryDelay,
        @DefaultValue("3d") Duration giveUpAfter,
        @DefaultValue("10s") Duration sweepInterval,
        @DefaultValue("2m") Duration lease) {
}
