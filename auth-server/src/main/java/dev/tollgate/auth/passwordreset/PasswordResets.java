package dev.tollgate.auth.passwordreset;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.util.UriComponentsBuilder;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.authorization.RevocationCause;
import dev.tollgate.auth.links.LinkHolder;
import dev.tollgate.auth.links.LinkPurpose;
import dev.tollgate.auth.links.SingleUseLinks;
import dev.tollgate.auth.login.LoginFailures;
import dev.tollgate.auth.mail.MailOutbox;
import dev.tollgate.auth.password.NewPasswords;
import dev.tollgate.auth.password.UnacceptablePasswordException;
import dev.tollgate.auth.passwordchange.TemporaryPasswords;
import dev.tollgate.auth.session.UserSessions;
import dev.tollgate.auth.signals.SharedSignals.Change;
import dev.tollgate.auth.signals.SharedSignals.Credential;
import dev.tollgate.auth.signals.SharedSignals;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.auth.web.Pages;

/**
 * Password reset by mail (README "Forgotten passwords"). {@link #requestLink} answers at once and looks the address
 * up on a thread of its own, so that the answer and its timing are the same whether an account has the address or
 * not; an enabled account gets a single-use link valid {@code tollgate.password-reset.link-validity}.
 * {@link #reset} takes the new password through the password policy, uses the link, and ends every session and
 * token of the user (a temporary password an administrator set is replaced too), in one transaction; then the
 * account's sign-in lock is lifted and a notice mail is sent.
 */
@Service
public class PasswordResets implements DisposableBean {

    /** Requests waiting for the lookup; beyond it (a flood past the rate limits) requests are dropped. */
    private static final int QUEUE_CAPACITY = 1000;

    static final String RESET_PATH = Pages.FORGOT_PASSWORD + "/reset";

    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

    private final UserRepository users;

    private final SingleUseLinks links;

    private final MailOutbox outbox;

    private final NewPasswords newPasswords;

    private final UserSessions sessions;

    private final LoginFailures loginFailures;

    private final TemporaryPasswords temporaryPasswords;

    private final AuditLog audit;

    private final TransactionOperations transactions;

    private final PasswordResetProperties properties;

    private final Clock clock;

    private final SharedSignals signals;

    private final ThreadPoolExecutor lookups = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY), runnable -> {
                Thread thread = new Thread(runnable, "password-reset-requests");
                thread.setDaemon(true);
                return thread;
            }, (dropped, executor) -> log.warn("Password reset requests are arriving faster than they are handled; "
                    + "one was dropped"));

    PasswordResets(UserRepository users, SingleUseLinks links, MailOutbox outbox, NewPasswords newPasswords,
            UserSessions sessions, LoginFailures loginFailures, TemporaryPasswords temporaryPasswords, AuditLog audit,
            TransactionOperations transactions, PasswordResetProperties properties, Clock clock,
            SharedSignals signals) {
        this.signals = signals;
        this.users = users;
        this.links = links;
        this.outbox = outbox;
        this.newPasswords = newPasswords;
        this.sessions = sessions;
        this.loginFailures = loginFailures;
        this.temporaryPasswords = temporaryPasswords;
        this.audit = audit;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Queues the lookup of {@code email}; returns at once, whatever the address. */
    public void requestLink(String email, Locale locale) {
        String address = email == null ? "" : email.strip();
        if (address.isEmpty() || address.length() > 320) {
            return;
        }
        lookups.execute(() -> {
            try {
                transactions.executeWithoutResult(status -> sendLink(address, locale));
            }
            catch (RuntimeException failed) {
                log.warn("Could not handle a password reset request: {}", failed.toString());
            }
        });
    }

    private void sendLink(String email, Locale locale) {
        Optional<TollgateUser> found = users.findByEmail(email).filter(TollgateUser::enabled);
        if (found.isEmpty()) {
            return;
        }
        TollgateUser user = found.get();
        if (links.issuedSince(LinkPurpose.PASSWORD_RESET, user.id(),
                clock.instant().minus(properties.linkValidity())) >= properties.mailsPerUser()) {
            log.info("No further password reset mail for user {}: {} sent within {}", user.id(),
                    properties.mailsPerUser(), properties.linkValidity());
            return;
        }
        String token = links.issue(LinkPurpose.PASSWORD_RESET, user.id(), null, properties.linkValidity());
        String link = outbox.link(UriComponentsBuilder.fromPath(RESET_PATH).queryParam("token", token).toUriString());
        outbox.enqueue(user.email(), "password-reset", locale, Map.of("username", user.username(), "link", link,
                "minutes", properties.linkValidity().toMinutes()));
    }

    /** Whether the link still works, for the page that shows its form. */
    public boolean isUsable(String token) {
        return holderOf(token).isPresent();
    }

    /** Sets the new password if the link works and the password passes the policy. */
    ResetOutcome reset(String token, String password, String confirmation, Locale locale, String address) {
        Optional<TollgateUser> holder = holderOf(token);
        if (holder.isEmpty()) {
            return ResetOutcome.LINK_REFUSED;
        }
        TollgateUser user = holder.get();
        if (!password.equals(confirmation)) {
            return ResetOutcome.passwordRefused(null);
        }
        String hash;
        try {
            // before the transaction: the slow hash holds no row and no connection
            hash = newPasswords.hashOf(password, user.username());
        }
        catch (UnacceptablePasswordException refused) {
            return ResetOutcome.passwordRefused(refused);
        }
        UserSessions.Ended ended = transactions.execute(status -> {
            if (links.use(LinkPurpose.PASSWORD_RESET, token).isEmpty()) {
                return null;
            }
            users.updatePasswordHash(user.id(), hash);
            temporaryPasswords.replacedElsewhere(user.id());
            signals.credentialChanged(user.id().toString(), Credential.PASSWORD, Change.UPDATE);
            links.withdrawAll(LinkPurpose.PASSWORD_RESET, user.id());
            if (user.email() != null) {
                outbox.enqueue(user.email(), "password-changed", locale, Map.of("username", user.username()));
            }
            return sessions.endAll(user.id(), RevocationCause.SESSIONS_ENDED);
        });
        if (ended == null) {
            return ResetOutcome.LINK_REFUSED;
        }
        loginFailures.forgetAccount(user.username());
        audit.record(SecurityEvent.of(SecurityEventType.PASSWORD_RESET)
                .with(SecurityEvent.USER, user.id())
                .with(SecurityEvent.ADDRESS, address)
                .with("sessions", ended.sessions())
                .with("authorizations", ended.authorizations()));
        return ResetOutcome.DONE;
    }

    private Optional<TollgateUser> holderOf(String token) {
        return links.peek(LinkPurpose.PASSWORD_RESET, token)
                .map(LinkHolder::userId)
                .flatMap(users::findById)
                .filter(TollgateUser::enabled);
    }

    @Override
    public void destroy() throws InterruptedException {
        lookups.shutdown();
        lookups.awaitTermination(10, TimeUnit.SECONDS);
    }
}
