package dev.tollgate.auth.account.profile;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.auth.account.changes.AccountChange;
import dev.tollgate.auth.account.changes.AccountChanges;
import dev.tollgate.auth.useradmin.UniqueUserNames;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.auth.verification.EmailVerifications;

/**
 * Stores a user's own name and email address: a new address only if no other user has it, in any case, and then as
 * not verified. In the same transaction a link that verifies it is mailed to it, and each change is recorded
 * ({@link AccountChanges}), so its notice goes out only if it is stored.
 */
@Service
class ProfileChanges {

    enum Outcome { UNCHANGED, SAVED, EMAIL_CHANGED, EMAIL_TAKEN }

    private final UserRepository users;

    private final UniqueUserNames uniqueNames;

    private final EmailVerifications verifications;

    private final AccountChanges changes;

    ProfileChanges(UserRepository users, UniqueUserNames uniqueNames, EmailVerifications verifications,
            AccountChanges changes) {
        this.users = users;
        this.uniqueNames = uniqueNames;
        this.verifications = verifications;
        this.changes = changes;
    }

    /**
     * @param user the account as it is before the change
     * @param address the client address the change comes from
     * @param locale the language of the mails
     */
    @Transactional
    Outcome change(TollgateUser user, String name, String email, String address, Locale locale) {
        boolean emailChanged = !Objects.equals(email, user.email());
        boolean nameChanged = !Objects.equals(name, user.displayName());
        if (!emailChanged && !nameChanged) {
            return Outcome.UNCHANGED;
        }
        if (emailChanged) {
            uniqueNames.lockEmailChanges();
            if (uniqueNames.emailTaken(email, user.id())) {
                return Outcome.EMAIL_TAKEN;
            }
        }
        users.updateProfile(user.id(), name, email);
        if (nameChanged) {
            changes.made(user, AccountChange.DISPLAY_NAME_CHANGED, address, locale,
                    Map.of("before", Objects.toString(user.displayName(), ""), "after", Objects.toString(name, "")));
        }
        if (emailChanged) {
            verifications.send(user.id(), user.username(), email, locale);
            changes.made(user, AccountChange.EMAIL_CHANGED, address, locale,
                    Map.of("before", Objects.toString(user.email(), ""), "after", email));
        }
        return emailChanged ? Outcome.EMAIL_CHANGED : Outcome.SAVED;
    }
}
