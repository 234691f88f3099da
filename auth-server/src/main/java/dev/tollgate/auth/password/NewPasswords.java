package dev.tollgate.auth.password;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The one way a new user password becomes a stored hash: the account page, the demo seeds and anything added
 * later that sets a password go through here, so all of them follow {@link PasswordPolicy}.
 */
@Component
public class NewPasswords {

    private final PasswordPolicy policy;
    private final PasswordEncoder encoder;

    public NewPasswords(PasswordPolicy policy, PasswordEncoder encoder) {
        this.policy = policy;
        this.encoder = encoder;
    }

    /**
     * The hash to store for the user's new password.
     *
     * @throws UnacceptablePasswordException when the policy refuses it; the message says why, for the person
     */
    public String hashOf(String password, String username) {
        policy.requireAcceptable(password, username);
        return encoder.encode(password);
    }
}
