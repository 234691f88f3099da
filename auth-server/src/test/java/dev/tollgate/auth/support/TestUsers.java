package dev.tollgate.auth.support;

import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * Users of one test only, with a username nobody else uses, so that what a test finds about them (sessions, tokens,
 * consents) is its own doing even in the shared context.
 */
public final class TestUsers {

    public static final String PASSWORD = "a test user's long password";

    private final UserRepository users;

    private final PasswordEncoder passwords;

    public TestUsers(UserRepository users, PasswordEncoder passwords) {
        this.users = users;
        this.passwords = passwords;
    }

    /** A new user with {@link #PASSWORD} and these roles (USER when none are given). */
    public TollgateUser create(String namePrefix, String... roles) {
        String username = namePrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return users.insert(new TollgateUser(UUID.randomUUID(), username, passwords.encode(PASSWORD),
                username + "@example.com", true, username, true,
                new TreeSet<>(roles.length == 0 ? List.of("USER") : List.of(roles))));
    }
}
