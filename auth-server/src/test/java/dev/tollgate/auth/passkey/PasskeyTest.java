package dev.tollgate.auth.passkey;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/** What the passkey tests share: the stores, new users with a password, passkeys put straight into the store. */
abstract class PasskeyTest extends HttpTest {

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasskeyUsers passkeyUsers;

    @Autowired
    UserCredentialRepository credentials;

    @Autowired
    Passkeys passkeys;

    /** A new user whose password is {@link TestUsers#PASSWORD}. */
    TollgateUser newUser(String namePrefix) {
        return new TestUsers(users, passwords).create(namePrefix);
    }

    StoredPasskeys stored() {
        return new StoredPasskeys(passkeyUsers, credentials);
    }
}
