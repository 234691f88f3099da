package dev.tollgate.auth.mail;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.stereotype.Component;

import dev.tollgate.auth.AuthServerProperties;
import dev.tollgate.auth.outbox.AfterCommit;

/**
 * The one way to send mail (README "Mail"): {@link #enqueue} renders the mail and inserts it into
 * {@code mail_outbox} in the caller's transaction, so that a page never waits for the mail server, a mail goes out
 * only if what it tells of was committed, and a mail server outage loses nothing. The senders
 * ({@link OutboxDispatcher}) are woken after the commit.
 */
@Component
public class MailOutbox {

    private final MailTemplates templates;

    private final OutboxRows rows;

    private final OutboxDispatcher dispatcher;

    private final String issuer;

    private final Clock clock;

    MailOutbox(MailTemplates templates, OutboxRows rows, OutboxDispatcher dispatcher,
            AuthServerProperties properties, Clock clock) {
        this.templates = templates;
        this.rows = rows;
        this.dispatcher = dispatcher;
        this.issuer = properties.issuer();
        this.clock = clock;
    }

    /**
     * Queues mail {@code template} ({@code templates/mail/<template>.html} and {@code .txt}, subject
     * {@code mail.<template>.subject}) to {@code recipient} in {@code locale}.
     *
     * @param model the templates' variables, besides {@code issuer}; links in it must be absolute ({@link #link})
     * @throws IllegalArgumentException if {@code recipient} is not a valid address (RFC 5322)
     */
    public void enqueue(String recipient, String template, Locale locale, Map<String, ?> model) {
        address(recipient);
        rows.insert(template, recipient, templates.render(template, locale, model, issuer), clock.instant());
        AfterCommit.run(dispatcher::wakeUp);
    }

    /** {@code pathAndQuery} (starting with {@code /}) on the issuer: what a link in a mail points at. */
    public String link(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + pathAndQuery);
        }
        return issuer.replaceAll("/+$", "") + pathAndQuery;
    }

    static InternetAddress address(String address) {
        try {
            return new InternetAddress(address, true);
        }
        catch (AddressException invalid) {
            throw new IllegalArgumentException("not a mail address: " + address, invalid);
        }
    }
}
