package dev.tollgate.auth.login;

import org.springframework.security.core.AuthenticationException;

/** Too many failed sign-ins for the username or from the client's address: the password was not even checked. */
public class LoginLockedException extends AuthenticationException {

    public LoginLockedException() {
        super("Too many failed sign-ins");
    }
}
