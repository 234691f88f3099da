package dev.tollgate.auth.account.notices;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.account.AccountController;
import dev.tollgate.auth.account.AccountTimes;
import dev.tollgate.auth.account.changes.AccountChange;
import dev.tollgate.auth.account.changes.AccountChanged;
import dev.tollgate.auth.mail.MailOutbox;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * Tells the account's owner of every change made on the account page (and of a recovery code used to sign in), by
 * mail to the address the account had before the change ({@code templates/mail/account-changed.*}): someone who took
 * over a session cannot change the address and then act unseen. The mail is queued in the outbox in the change's own
 * transaction, so it goes out only if the change is stored, and the page never waits for the mail server.
 */
@Component
class AccountNotices {

    static final String TEMPLATE = "account-changed";

    private static final Logger log = LoggerFactory.getLogger(AccountNotices.class);

    private final MailOutbox outbox;

    private final UserRepository users;

    private final Clock clock;

    AccountNotices(MailOutbox outbox, UserRepository users, Clock clock) {
        this.outbox = outbox;
        this.users = users;
        this.clock = clock;
    }

    @EventListener
    void tell(AccountChanged changed) {
        Optional<TollgateUser> user = users.findById(changed.userId());
        if (changed.previousEmail() == null || user.isEmpty()) {
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("username", user.get().username());
        model.put("change", changed.change().what());
        model.put("detail", detailOf(changed));
        model.put("address", changed.address());
        // a recovery code is used while signing in, not on the account page
        model.put("when", changed.change() == AccountChange.RECOVERY_CODE_USED
                ? "mail.account-changed.when-signing-in" : "mail.account-changed.when");
        model.put("at", AccountTimes.format(clock.instant(), changed.locale()));
        model.put("accountLink", outbox.link(AccountController.PATH));
        try {
            outbox.enqueue(changed.previousEmail(), TEMPLATE, changed.locale(), model);
        }
        catch (IllegalArgumentException notAnAddress) {
            // an address an upstream provider supplied may not be one mail can go to; the change stands, audited
            log.warn("no notice of {} for user {}: the account's email is not a mail address", changed.change(),
                    changed.userId());
        }
    }

    /** The one thing the notice names besides the change itself: the new name or address, the application, ... */
    private static Object detailOf(AccountChanged changed) {
        return switch (changed.change()) {
            case DISPLAY_NAME_CHANGED, EMAIL_CHANGED -> changed.details().getOrDefault("after", "");
            case OTHER_SESSIONS_ENDED -> Integer.valueOf(changed.details().getOrDefault("sessions", "0"));
            case APPLICATION_REMOVED -> changed.details().getOrDefault(AccountChanged.CLIENT_NAME, "");
            case PASSKEY_ADDED, PASSKEY_REMOVED -> changed.details().getOrDefault(AccountChanged.PASSKEY_NAME, "");
            case RECOVERY_CODE_USED ->
                Integer.valueOf(changed.details().getOrDefault(AccountChanged.RECOVERY_CODES_LEFT, "0"));
            case PASSWORD_CHANGED, PASSWORD_SET, SESSION_ENDED, TOTP_ENABLED, TOTP_DISABLED -> "";
        };
    }
}
