package dev.tollgate.auth.password;

/** A new password that {@link PasswordPolicy} refuses; the message says why, never the password itself. */
public class UnacceptablePasswordException extends IllegalArgumentException {

    public UnacceptablePasswordException(String reason) {
        super(reason);
    }
}
