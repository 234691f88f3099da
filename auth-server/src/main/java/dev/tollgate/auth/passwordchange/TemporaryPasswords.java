package dev.tollgate.auth.passwordchange;

import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.auth.password.NewPasswords;
import dev.tollgate.auth.password.UnacceptablePasswordException;
import dev.tollgate.auth.signals.SharedSignals.Change;
import dev.tollgate.auth.signals.SharedSignals.Credential;
import dev.tollgate.auth.signals.SharedSignals;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * A password an administrator sets for a user and tells them out of band (Keycloak's "temporary" password): it
 * follows the one password policy, signs the user in once, and they must choose their own before anything else.
 */
@Service
public class TemporaryPasswords {

    private final UserRepository users;

    private final NewPasswords newPasswords;

    private final RequiredPasswordChanges requiredChanges;

    private final PasswordEncoder encoder;

    private final SharedSignals signals;

    TemporaryPasswords(UserRepository users, NewPasswords newPasswords, RequiredPasswordChanges requiredChanges,
            PasswordEncoder encoder, SharedSignals signals) {
        this.signals = signals;
        this.encoder = encoder;
        this.users = users;
        this.newPasswords = newPasswords;
        this.requiredChanges = requiredChanges;
    }

    /**
     * @return false if there is no such user
     * @throws UnacceptablePasswordException when the policy refuses the password; the message says why
     */
    @Transactional
    public boolean set(UUID userId, String temporaryPassword) {
        if (!requiredChanges.lockUser(userId)) {
            return false;
        }
        TollgateUser user = users.findById(userId).orElseThrow();
        users.updatePasswordHash(userId, newPasswords.hashOf(temporaryPassword, user.username()));
        requiredChanges.require(userId);
        signals.credentialChanged(userId.toString(), Credential.PASSWORD, Change.UPDATE);
        return true;
    }

    /**
     * The user's own password in place of the temporary one, which stops working.
     *
     * @throws UnacceptablePasswordException when the policy refuses it, or it is the temporary one again
     */
    @Transactional
    public void replace(UUID userId, String newPassword) {
        requiredChanges.lockUser(userId);
        TollgateUser user = users.findById(userId).orElseThrow();
        if (user.hasPassword() && encoder.matches(newPassword, user.passwordHash())) {
            throw new UnacceptablePasswordException("password.refused.temporary",
                    "Choose a password of your own, not the one you were given.");
        }
        users.updatePasswordHash(userId, newPasswords.hashOf(newPassword, user.username()));
        requiredChanges.clear(userId);
        signals.credentialChanged(userId.toString(), Credential.PASSWORD, Change.UPDATE);
    }

    /** The user chose a password of their own another way (a reset link): the temporary one is gone. */
    public void replacedElsewhere(UUID userId) {
        requiredChanges.clear(userId);
    }

    /** Whether the user signs in with a temporary password and must choose their own first. */
    public boolean mustChange(UUID userId) {
        return requiredChanges.isRequired(userId);
    }
}
