package dev.tollgate.auth.account.profile;

import java.util.Locale;
import java.util.Objects;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.auth.useradmin.UniqueUserNames;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.auth.verification.EmailVerifications;

/**
 * Stores a user's own name and email address: a new address only if no other user has it, in any case, and then as
 * not verified, with a link that verifies it mailed to it in the same transaction.
 */
@Service
class ProfileChanges {

    enum Outcome { UNCHANGED, SAVED, EMAIL_CHANGED, EMAIL_TAKEN }

    private final UserRepository users;

    private final UniqueUserNames uniqueNames;

    private final EmailVerifications verifications;

    ProfileChanges(UserRepository users, UniqueUserNames uniqueNames, EmailVerifications verifications) {
        this.users = users;
        this.uniqueNames = uniqueNames;
        this.verifications = verifications;
    }

    /**
     * @param user the account as it is before the change
     * @param locale the language of the verification mail
     */
    @Transactional
    Outcome change(TollgateUser user, String name, String email, Locale locale) {
        boolean emailChanged = !Objects.equals(email, user.email());
        if (!emailChanged && Objects.equals(name, user.displayName())) {
            return Outcome.UNCHANGED;
        }
        if (emailChanged) {
            uniqueNames.lockEmailChanges();
            if (uniqueNames.emailTaken(email, user.id())) {
                return Outcome.EMAIL_TAKEN;
            }
        }
        users.updateProfile(user.id(), name, email);
        if (emailChanged && email != null) {
            verifications.send(user.id(), user.username(), email, locale);
        }
        return emailChanged ? Outcome.EMAIL_CHANGED : Outcome.SAVED;
    }
}
