package dev.tollgate.auth.verification;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.links.LinkHolder;
import dev.tollgate.auth.links.LinkPurpose;
import dev.tollgate.auth.links.SingleUseLinks;
import dev.tollgate.auth.mail.MailOutbox;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.auth.web.Pages;

/**
 * Verifying that an email address is its user's: a single-use link (valid
 * {@code tollgate.email-verification.link-validity}) mailed to the address; following it sets {@code email_verified}
 * (OIDC Core 5.1), if the user still has that address. For sign-up and for any page that changes an address.
 */
@Service
public class EmailVerifications {

    private final SingleUseLinks links;

    private final MailOutbox outbox;

    private final UserRepository users;

    private final AuditLog audit;

    private final EmailVerificationProperties properties;

    EmailVerifications(SingleUseLinks links, MailOutbox outbox, UserRepository users, AuditLog audit,
            EmailVerificationProperties properties) {
        this.links = links;
        this.outbox = outbox;
        this.users = users;
        this.audit = audit;
        this.properties = properties;
    }

    /** Mails {@code email} a link that verifies it for the user; in the caller's transaction. */
    public void send(UUID userId, String username, String email, Locale locale) {
        String token = links.issue(LinkPurpose.EMAIL_VERIFICATION, userId, email, properties.linkValidity());
        String link = outbox.link(UriComponentsBuilder.fromPath(Pages.VERIFY_EMAIL).queryParam("token", token)
                .toUriString());
        outbox.enqueue(email, "email-verification", locale, Map.of("username", username, "link", link,
                "hours", properties.linkValidity().toHours()));
    }

    /** Uses the link; the verified user, or empty if the link was used, expired, unknown, or the address changed. */
    @Transactional
    public Optional<UUID> verify(String token) {
        Optional<LinkHolder> holder = links.use(LinkPurpose.EMAIL_VERIFICATION, token)
                .filter(link -> link.email() != null && users.verifyEmail(link.userId(), link.email()));
        holder.ifPresent(link -> audit.record(SecurityEvent.of(SecurityEventType.EMAIL_VERIFIED)
                .with(SecurityEvent.USER, link.userId())));
        return holder.map(LinkHolder::userId);
    }
}
