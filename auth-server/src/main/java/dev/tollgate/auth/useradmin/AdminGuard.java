package dev.tollgate.auth.useradmin;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.user.Roles;

/**
 * Keeps Tollgate administrable, whichever way a user is changed (SCIM or the admin console): an administrator cannot
 * disable or delete their own account, and the last active ADMIN can be neither disabled, deleted nor removed from
 * ADMIN. Callers run inside the transaction of the change and call {@link #lockAdmins()} first, so two administrators
 * demoting each other at once cannot leave nobody.
 */
@Component
public class AdminGuard {

    private final JdbcClient jdbc;

    public AdminGuard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the rows of every ADMIN until the transaction ends. */
    public void lockAdmins() {
        jdbc.sql("""
                        SELECT id FROM users WHERE id IN (SELECT user_id FROM user_roles WHERE role = ?)
                        ORDER BY id FOR UPDATE
                        """)
                .param(Roles.ADMIN).query(UUID.class).list();
    }

    /**
     * Refuses a change that would take {@code user}'s administration away when nobody else has it.
     *
     * @throws RefusedChange saying why
     */
    public void requireAnotherActiveAdmin(UUID user, String change) {
        List<UUID> others = jdbc.sql("""
                        SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id
                        WHERE r.role = ? AND u.enabled AND u.id <> ?
                        """)
                .params(Roles.ADMIN, user).query(UUID.class).list();
        if (others.isEmpty()) {
            throw new RefusedChange("This user is the last active ADMIN: " + change
                    + " would leave nobody to administer Tollgate. Make another user an ADMIN first.");
        }
    }

    /**
     * Refuses a change by the administrator to their own account ({@code actor} is their {@code sub}).
     *
     * @throws RefusedChange saying why
     */
    public void requireNotSelf(UUID user, String actor, String change) {
        if (user.toString().equals(actor)) {
            throw new RefusedChange("You cannot " + change + " your own account; another administrator can.");
        }
    }

    /** A change the rules of administration do not allow in the user's current state; the message says why. */
    public static final class RefusedChange extends RuntimeException {

        public RefusedChange(String message) {
            super(message);
        }
    }
}
