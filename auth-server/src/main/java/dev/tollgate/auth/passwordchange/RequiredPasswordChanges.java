package dev.tollgate.auth.passwordchange;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code required_password_change}: the users who must choose a new password at their next sign-in. */
@Repository
class RequiredPasswordChanges {

    private final JdbcClient jdbc;

    private final Clock clock;

    RequiredPasswordChanges(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Locks the user's row until the transaction ends, so that two administrators' changes to one user run one after
     * the other; false if there is no such user.
     */
    boolean lockUser(UUID userId) {
        return !jdbc.sql("SELECT id FROM users WHERE id = ? FOR UPDATE").param(userId).query().listOfRows().isEmpty();
    }

    /** Call in a transaction that holds the user's row lock ({@link TemporaryPasswords}): check, then insert. */
    void require(UUID userId) {
        if (!isRequired(userId)) {
            jdbc.sql("INSERT INTO required_password_change (user_id, required_at) VALUES (?, ?)")
                    .params(userId, clock.instant().atOffset(ZoneOffset.UTC)).update();
        }
    }

    boolean isRequired(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM required_password_change WHERE user_id = ?").param(userId)
                .query(Long.class).single() > 0;
    }

    /** True if a change was required (and now no longer is). */
    boolean clear(UUID userId) {
        return jdbc.sql("DELETE FROM required_password_change WHERE user_id = ?").param(userId).update() > 0;
    }
}
