package dev.tollgate.auth.account.profile;

import java.util.Objects;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.auth.useradmin.UniqueUserNames;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/** Stores a user's own name and email address; a new address only if no other user has it, in any case. */
@Service
class ProfileChanges {

    enum Outcome { UNCHANGED, SAVED, EMAIL_CHANGED, EMAIL_TAKEN }

    private final UserRepository users;

    private final UniqueUserNames uniqueNames;

    ProfileChanges(UserRepository users, UniqueUserNames uniqueNames) {
        this.users = users;
        this.uniqueNames = uniqueNames;
    }

    /** @param user the account as it is before the change */
    @Transactional
    Outcome change(TollgateUser user, String name, String email) {
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
        return emailChanged ? Outcome.EMAIL_CHANGED : Outcome.SAVED;
    }
}
