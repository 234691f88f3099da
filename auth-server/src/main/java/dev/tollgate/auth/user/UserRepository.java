package dev.tollgate.auth.user;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class UserRepository {

    /**
     * An id no user has, for the checks that take a user to leave out ({@link #usernameTaken(String, UUID)}) when
     * there is none to leave out: {@code id <> NULL} would match no row at all.
     */
    public static final UUID NOBODY = new UUID(0, 0);

    private static final String SELECT_USER = """
            SELECT id, username, password_hash, email, email_verified, display_name, enabled FROM users
            """;

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<TollgateUser> findByUsername(String username) {
        return findOne(SELECT_USER + " WHERE username = ?", username);
    }

    public Optional<TollgateUser> findById(UUID id) {
        return findOne(SELECT_USER + " WHERE id = ?", id);
    }

    /** The oldest account whose email address is known to be its owner's, compared case-insensitively. */
    public Optional<TollgateUser> findByVerifiedEmail(String email) {
        return findOne(SELECT_USER + " WHERE email_verified AND lower(email) = lower(?) ORDER BY created_at LIMIT 1",
                email);
    }

    /** The oldest account with this email address, verified or not, compared case-insensitively. */
    public Optional<TollgateUser> findByEmail(String email) {
        return findOne(SELECT_USER + " WHERE lower(email) = lower(?) ORDER BY created_at LIMIT 1", email);
    }

    public boolean anyWithRole(String role) {
        return jdbc.sql("SELECT count(*) FROM user_roles WHERE role = ?").param(role).query(Long.class).single() > 0;
    }

    /** Whether a user has this username in any case (V57: the database holds usernames unique regardless of case). */
    public boolean usernameTaken(String username) {
        return usernameTaken(username, NOBODY);
    }

    /** Whether another user than {@code except} has this username, in any case. */
    public boolean usernameTaken(String username, UUID except) {
        return jdbc.sql("SELECT count(*) FROM users WHERE lower(username) = lower(?) AND id <> ?")
                .params(username, except).query(Long.class).single() > 0;
    }

    /** Adds a new user; fails on a taken username instead of touching that account. */
    @Transactional
    public TollgateUser insert(TollgateUser user) {
        jdbc.sql("""
                        INSERT INTO users (id, username, password_hash, email, email_verified, display_name, enabled)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(user.id(), user.username(), user.passwordHash(), user.email(), user.emailVerified(),
                        user.displayName(), user.enabled())
                .update();
        user.roles().forEach(role ->
                jdbc.sql("INSERT INTO user_roles (user_id, role) VALUES (?, ?)").params(user.id(), role).update());
        return findById(user.id()).orElseThrow();
    }

    /** Marks the user's email verified if it is still {@code email}; false if the user or address changed. */
    public boolean verifyEmail(UUID id, String email) {
        return jdbc.sql("UPDATE users SET email_verified = TRUE WHERE id = ? AND lower(email) = lower(?)")
                .params(id, email).update() == 1;
    }

    public void updatePasswordHash(UUID id, String passwordHash) {
        jdbc.sql("UPDATE users SET password_hash = ? WHERE id = ?").params(passwordHash, id).update();
    }

    /**
     * Changes the user's own name and email address, with a new version and modification time; an address that
     * differs from the stored one is stored as not verified. SET reads the row as it was, so the comparison sees the
     * old address.
     */
    public void updateProfile(UUID id, String displayName, String email) {
        jdbc.sql("""
                        UPDATE users SET display_name = ?, email = ?,
                            email_verified = CASE WHEN email = ? THEN email_verified ELSE FALSE END,
                            version = version + 1, updated_at = CURRENT_TIMESTAMP
                        WHERE id = ?
                        """)
                .params(displayName, email, email, id)
                .update();
    }

    /**
     * Inserts the user or, when the username exists, updates it in place (keeping its id), with a new version and
     * modification time, as SCIM shows them ({@code meta.version}, {@code meta.lastModified}).
     */
    @Transactional
    public TollgateUser upsertByUsername(TollgateUser user) {
        UUID id = findByUsername(user.username()).map(TollgateUser::id).orElse(user.id());
        int updated = jdbc.sql("""
                        UPDATE users SET password_hash = ?, email = ?, email_verified = ?, display_name = ?, enabled = ?,
                            version = version + 1, updated_at = CURRENT_TIMESTAMP
                        WHERE id = ?
                        """)
                .params(user.passwordHash(), user.email(), user.emailVerified(), user.displayName(), user.enabled(), id)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO users (id, username, password_hash, email, email_verified, display_name, enabled)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """)
                    .params(id, user.username(), user.passwordHash(), user.email(), user.emailVerified(),
                            user.displayName(), user.enabled())
                    .update();
        }
        jdbc.sql("DELETE FROM user_roles WHERE user_id = ?").param(id).update();
        user.roles().forEach(role ->
                jdbc.sql("INSERT INTO user_roles (user_id, role) VALUES (?, ?)").params(id, role).update());
        return findById(id).orElseThrow();
    }

    private Optional<TollgateUser> findOne(String sql, Object key) {
        return jdbc.sql(sql).param(key)
                .query((rs, row) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new TollgateUser(id, rs.getString("username"), rs.getString("password_hash"),
                            rs.getString("email"), rs.getBoolean("email_verified"), rs.getString("display_name"),
                            rs.getBoolean("enabled"), rolesOf(id));
                })
                .optional();
    }

    private SortedSet<String> rolesOf(UUID userId) {
        List<String> roles = jdbc.sql("SELECT role FROM user_roles WHERE user_id = ?").param(userId)
                .query(String.class).list();
        return Collections.unmodifiableSortedSet(new TreeSet<>(roles));
    }
}
