package dev.tollgate.auth.signup;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.mail.MailOutbox;
import dev.tollgate.auth.password.NewPasswords;
import dev.tollgate.auth.user.Roles;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.auth.useradmin.UniqueUserNames;
import dev.tollgate.auth.verification.EmailVerifications;
import dev.tollgate.auth.web.Pages;

/**
 * Creates the account of a person who signs up: role USER, the email address unverified until its link is followed
 * ({@link EmailVerifications}). An address that already has an account gets a mail saying so instead, and the page
 * answers as for a new account, so that sign-up does not tell who has an account (a username has to be unique, so
 * that one is told).
 */
@Service
class SignUps {

    enum Outcome {
        /** A mail is on its way: the verification link, or the note that the address has an account. */
        MAILED,
        USERNAME_TAKEN
    }

    private final UserRepository users;

    private final UniqueUserNames uniqueNames;

    private final NewPasswords newPasswords;

    private final EmailVerifications verifications;

    private final MailOutbox outbox;

    private final AuditLog audit;

    private final TransactionOperations transactions;

    SignUps(UserRepository users, UniqueUserNames uniqueNames, NewPasswords newPasswords,
            EmailVerifications verifications, MailOutbox outbox, AuditLog audit, TransactionOperations transactions) {
        this.users = users;
        this.uniqueNames = uniqueNames;
        this.newPasswords = newPasswords;
        this.verifications = verifications;
        this.outbox = outbox;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * @throws dev.tollgate.auth.password.UnacceptablePasswordException when the policy refuses the password
     */
    Outcome register(SignUpForm form, Locale locale, String address) {
        try {
            return create(form, locale, address);
        }
        catch (DuplicateKeyException takenMeanwhile) {
            // a parallel sign-up took the username between the check and the insert
            return Outcome.USERNAME_TAKEN;
        }
    }

    private Outcome create(SignUpForm form, Locale locale, String address) {
        // before the transaction: the slow hash holds no connection
        String hash = newPasswords.hashOf(form.password(), form.username());
        return transactions.execute(status -> {
            uniqueNames.lockEmailChanges();
            if (uniqueNames.usernameTaken(form.username(), UserRepository.NOBODY)) {
                return Outcome.USERNAME_TAKEN;
            }
            if (uniqueNames.emailTaken(form.email(), UserRepository.NOBODY)) {
                outbox.enqueue(form.email(), "account-exists", locale,
                        Map.of("link", outbox.link(Pages.FORGOT_PASSWORD)));
                return Outcome.MAILED;
            }
            TollgateUser user = users.insert(new TollgateUser(UUID.randomUUID(), form.username(), hash, form.email(),
                    false, form.username(), true, new TreeSet<>(List.of(Roles.USER))));
            verifications.send(user.id(), user.username(), user.email(), locale);
            audit.record(SecurityEvent.of(SecurityEventType.SIGN_UP).with(SecurityEvent.USER, user.id())
                    .with(SecurityEvent.ADDRESS, address));
            return Outcome.MAILED;
        });
    }
}
