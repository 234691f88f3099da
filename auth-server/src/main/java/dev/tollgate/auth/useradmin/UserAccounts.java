package dev.tollgate.auth.useradmin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.auth.authorization.RevocationCause;
import dev.tollgate.auth.password.NewPasswords;
import dev.tollgate.auth.password.UnacceptablePasswordException;
import dev.tollgate.auth.session.UserSessions;
import dev.tollgate.auth.signals.SharedSignals;
import dev.tollgate.auth.user.Roles;
import dev.tollgate.auth.useradmin.AdminGuard.RefusedChange;

/**
 * Users as an administrator manages them one by one (the admin console), under the same rules as SCIM provisioning:
 * usernames and email addresses unique regardless of case, a password through the one password policy, no
 * administrator disabling themselves, never without an active ADMIN ({@link AdminGuard}), disabling ends the user's
 * sessions and tokens at once, and every change an {@code ADMIN_CHANGE} ({@link AdminChanges}). Each change is one
 * transaction on the user's locked row; it raises the row's version, so SCIM clients holding an ETag see it.
 */
@Service
public class UserAccounts {

    /** The roles an administrator can give. */
    public static final List<String> ROLES = List.of(Roles.ADMIN, Roles.USER);

    private static final String COLUMNS = "u.id, u.username, u.email, u.display_name, u.enabled, u.created_at";

    private final JdbcClient jdbc;

    private final UserRoles userRoles;

    private final NewPasswords passwords;

    private final AdminGuard guard;

    private final AdminChanges changes;

    private final UserSessions sessions;

    private final Clock clock;

    private final UniqueUserNames names;

    private final SharedSignals signals;

    public UserAccounts(JdbcClient jdbc, UserRoles userRoles, NewPasswords passwords, AdminGuard guard, AdminChanges changes,
            UserSessions sessions, Clock clock, UniqueUserNames names, SharedSignals signals) {
        this.names = names;
        this.signals = signals;
        this.jdbc = jdbc;
        this.userRoles = userRoles;
        this.passwords = passwords;
        this.guard = guard;
        this.changes = changes;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** One page of users, by username. */
    public record AccountPage(List<Account> accounts, long total) {
    }

    /** The users whose username or email address contains {@code text} (any case; all when blank). */
    public AccountPage search(String text, int page, int size) {
        String pattern = "%" + (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")) + "%";
        String where = " WHERE lower(u.username) LIKE ? ESCAPE '\\' OR lower(coalesce(u.email, '')) LIKE ? ESCAPE '\\'";
        long total = jdbc.sql("SELECT count(*) FROM users u" + where).params(pattern, pattern)
                .query(Long.class).single();
        List<Account> accounts = jdbc.sql("SELECT " + COLUMNS + " FROM users u" + where
                        + " ORDER BY u.username, u.id LIMIT ? OFFSET ?")
                .params(pattern, pattern, size, (long) page * size).query(this::withoutRoles).list();
        return new AccountPage(withRoles(accounts), total);
    }

    public Optional<Account> find(UUID id) {
        return one("SELECT " + COLUMNS + " FROM users u WHERE u.id = ?", id);
    }

    /**
     * A new active user.
     *
     * @throws RefusedChange when the username or email address is taken, or no role is given
     * @throws UnacceptablePasswordException when the password policy refuses the password
     */
    @Transactional
    public Account create(String username, String email, String name, Set<String> roles, String password,
            String actor) {
        String user = required(username, "a username");
        String address = blankToNull(email);
        SortedSet<String> granted = known(roles);
        UUID id = UUID.randomUUID();
        names.lockEmailChanges();
        requireUnique(user, address, id);
        String hash = passwords.hashOf(password == null ? "" : password, user);
        OffsetDateTime now = now();
        try {
            jdbc.sql("""
                            INSERT INTO users (id, username, password_hash, email, email_verified, display_name, enabled,
                                created_at, updated_at, version)
                            VALUES (?, ?, ?, ?, false, ?, true, ?, ?, 1)
                            """)
                    .params(id, user, hash, address, blankToNull(name), now, now)
                    .update();
        }
        catch (DuplicateKeyException raced) {
            throw new RefusedChange("The username '" + user + "' is already taken.");
        }
        granted.forEach(role -> addRole(id, role));
        Account created = find(id).orElseThrow();
        changes.record("user.create", actor, id, null, created.auditState());
        return created;
    }

    /**
     * Changes the email address and the name shown.
     *
     * @return false if there is no such user
     * @throws RefusedChange when the email address belongs to another user
     */
    @Transactional
    public boolean updateProfile(UUID id, String email, String name, String actor) {
        names.lockEmailChanges();
        return forUpdate(id).map(current -> {
            String address = blankToNull(email);
            requireUnique(current.username(), address, id);
            boolean sameEmail = address != null && address.equalsIgnoreCase(String.valueOf(current.email()));
            jdbc.sql("""
                            UPDATE users SET email = ?, display_name = ?, email_verified = email_verified AND ?,
                                updated_at = ?, version = version + 1
                            WHERE id = ?
                            """)
                    .params(address, blankToNull(name), sameEmail, now(), id).update();
            changes.record("user.update", actor, id, current.auditState(), find(id).orElseThrow().auditState());
            return true;
        }).orElse(false);
    }

    /**
     * Enables or disables the user. Disabling ends their sessions and revokes their tokens at once.
     *
     * @return false if there is no such user
     * @throws RefusedChange when an administrator disables themselves or the last active ADMIN
     */
    @Transactional
    public boolean setEnabled(UUID id, boolean enabled, String actor) {
        guard.lockAdmins();
        return forUpdate(id).map(current -> {
            if (current.enabled() == enabled) {
                return true;
            }
            if (!enabled) {
                guard.requireNotSelf(id, actor, "disable");
                if (current.isAdmin()) {
                    guard.requireAnotherActiveAdmin(id, "disabling them");
                }
            }
            jdbc.sql("UPDATE users SET enabled = ?, updated_at = ?, version = version + 1 WHERE id = ?")
                    .params(enabled, now(), id).update();
            if (!enabled) {
                signals.accountDisabled(id.toString());
                sessions.endAll(id, RevocationCause.ACCOUNT_DISABLED);
            }
            changes.record("user.update", actor, id, current.auditState(), find(id).orElseThrow().auditState());
            return true;
        }).orElse(false);
    }

    /**
     * Gives the user exactly these roles.
     *
     * @return false if there is no such user
     * @throws RefusedChange when no role is given, or ADMIN is taken from the last active ADMIN
     */
    @Transactional
    public boolean setRoles(UUID id, Set<String> roles, String actor) {
        SortedSet<String> wanted = known(roles);
        guard.lockAdmins();
        return forUpdate(id).map(current -> {
            if (current.roles().equals(wanted)) {
                return true;
            }
            if (current.isAdmin() && current.enabled() && !wanted.contains(Roles.ADMIN)) {
                guard.requireAnotherActiveAdmin(id, "taking ADMIN away");
            }
            jdbc.sql("DELETE FROM user_roles WHERE user_id = ?").param(id).update();
            wanted.forEach(role -> addRole(id, role));
            jdbc.sql("UPDATE users SET updated_at = ?, version = version + 1 WHERE id = ?").params(now(), id)
                    .update();
            changes.record("user.roles", actor, id, Map.of("roles", current.roles()), Map.of("roles", wanted));
            signals.rolesChanged(id.toString(), wanted);
            return true;
        }).orElse(false);
    }

    /** Records that an administrator changed something of the user that lives elsewhere (a password, sessions). */
    public void recordChange(String what, UUID id, String actor, Map<String, ?> after) {
        changes.record(what, actor, id, null, after);
    }

    private void requireUnique(String username, String email, UUID except) {
        if (names.usernameTaken(username, except)) {
            throw new RefusedChange("The username '" + username + "' is already taken.");
        }
        if (email != null && names.emailTaken(email, except)) {
            throw new RefusedChange("The email address '" + email + "' belongs to another user.");
        }
    }

    private static SortedSet<String> known(Set<String> roles) {
        SortedSet<String> known = new TreeSet<>(roles == null ? Set.of() : roles);
        if (!ROLES.containsAll(known)) {
            known.removeAll(ROLES);
            throw new RefusedChange("Unknown roles: " + known + ". The roles are " + ROLES + ".");
        }
        if (known.isEmpty()) {
            throw new RefusedChange("Choose at least one role.");
        }
        return known;
    }

    private static String required(String value, String what) {
        String given = blankToNull(value);
        if (given == null) {
            throw new RefusedChange("Enter " + what + ".");
        }
        return given;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private void addRole(UUID id, String role) {
        jdbc.sql("INSERT INTO user_roles (user_id, role) VALUES (?, ?)").params(id, role).update();
    }

    private Optional<Account> forUpdate(UUID id) {
        return one("SELECT " + COLUMNS + " FROM users u WHERE u.id = ? FOR UPDATE", id);
    }

    private Optional<Account> one(String sql, UUID id) {
        return jdbc.sql(sql).param(id).query(this::withoutRoles).optional()
                .map(account -> withRoles(List.of(account)).get(0));
    }

    private List<Account> withRoles(List<Account> accounts) {
        Map<UUID, SortedSet<String>> roles = userRoles.of(accounts.stream().map(Account::id).toList());
        return accounts.stream()
                .map(account -> new Account(account.id(), account.username(), account.email(), account.name(),
                        account.enabled(), roles.getOrDefault(account.id(), Collections.emptySortedSet()),
                        account.created()))
                .toList();
    }

    private Account withoutRoles(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("email"),
                rs.getString("display_name"), rs.getBoolean("enabled"), Collections.emptySortedSet(),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
