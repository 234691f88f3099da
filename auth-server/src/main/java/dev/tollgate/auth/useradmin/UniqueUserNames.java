package dev.tollgate.auth.useradmin;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.user.UserRepository;

/**
 * The one rule of administered users' names (SCIM and the console): a username, and an email address, belong to one
 * user regardless of case. Checked before a change, for a precise answer; the database holds usernames to it also
 * under parallel requests (V57), email addresses only through this check (an upstream sign-in may bring an address
 * that an unverified local account also gives), made under {@link #lockEmailChanges} where parallel changes race.
 */
@Component
public class UniqueUserNames {

    private final JdbcClient jdbc;

    private final UserRepository users;

    UniqueUserNames(JdbcClient jdbc, UserRepository users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    /** Whether another user than {@code except} has this username, in any case. */
    public boolean usernameTaken(String username, UUID except) {
        return users.usernameTaken(username, except);
    }

    /**
     * Takes the lock under which an email address is checked with {@link #emailTaken} and then stored, until the
     * transaction ends: two such changes to one address wait for each other, and the second sees the first. Every
     * path that stores an address takes it (sign-up, the account page, SCIM, the console), before it locks a user's
     * row, so that no two of them wait for each other the other way round.
     */
    public void lockEmailChanges() {
        jdbc.sql("SELECT name FROM startup_lock WHERE name = 'user-email' FOR UPDATE").query().listOfRows();
    }

    /** Whether another user than {@code except} has this email address, in any case. */
    public boolean emailTaken(String email, UUID except) {
        return jdbc.sql("SELECT count(*) FROM users WHERE lower(email) = lower(?) AND id <> ?")
                .params(email, except).query(Long.class).single() > 0;
    }
}
