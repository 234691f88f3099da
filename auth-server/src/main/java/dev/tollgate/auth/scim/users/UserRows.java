package dev.tollgate.auth.scim.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.tollgate.auth.scim.FilterColumns.Column;
import dev.tollgate.auth.scim.ListParameters;
import dev.tollgate.auth.scim.SqlFilter;
import dev.tollgate.auth.useradmin.UserRoles;

/** The users table as SCIM reads and writes it. Every write raises {@code version} and sets {@code updated_at}. */
@Repository
public class UserRows {

    private static final String COLUMNS = """
            u.id, u.username, u.external_id, u.given_name, u.family_name, u.display_name, u.email, u.email_verified,
            u.enabled, u.created_at, u.updated_at, u.version
            """;

    private final JdbcClient jdbc;

    private final UserRoles userRoles;

    public UserRows(JdbcClient jdbc, UserRoles userRoles) {
        this.jdbc = jdbc;
        this.userRoles = userRoles;
    }

    public Optional<ScimUser> find(UUID id) {
        return one("SELECT " + COLUMNS + " FROM users u WHERE u.id = ?", id);
    }

    /** The user, its row locked until the transaction ends, so that concurrent changes apply one after the other. */
    Optional<ScimUser> findForUpdate(UUID id) {
        return one("SELECT " + COLUMNS + " FROM users u WHERE u.id = ? FOR UPDATE", id);
    }

    /** One page of the users matching {@code filter}, and how many match in all. */
    Page list(SqlFilter filter, ListParameters page, Column sortBy) {
        long total = jdbc.sql("SELECT count(*) FROM users u WHERE " + filter.sql())
                .params(filter.parameters()).query(Long.class).single();
        if (page.count() == 0 || total == 0) {
            return new Page(total, List.of());
        }
        String direction = page.descending() ? " DESC" : " ASC";
        String order = sortBy == null ? "u.created_at, u.id" : sortBy.sql() + direction + ", u.id";
        List<Object> parameters = new ArrayList<>(filter.parameters());
        parameters.add(page.count());
        parameters.add(page.offset());
        List<ScimUser> users = jdbc.sql("SELECT " + COLUMNS + " FROM users u WHERE " + filter.sql()
                        + " ORDER BY " + order + " LIMIT ? OFFSET ?")
                .params(parameters).query(this::withoutRoles).list();
        return new Page(total, withRoles(users));
    }

    void insert(ScimUser user, String passwordHash) {
        jdbc.sql("""
                        INSERT INTO users (id, username, password_hash, email, email_verified, display_name, enabled,
                            given_name, family_name, external_id, created_at, updated_at, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                        """)
                .params(user.id(), user.userName(), passwordHash, user.email(), user.emailVerified(),
                        user.displayName(), user.active(), user.givenName(), user.familyName(), user.externalId(),
                        timestamp(user.created()), timestamp(user.lastModified()))
                .update();
        user.roles().forEach(role -> addRole(user.id(), role));
    }

    /** Writes every attribute of {@code user}, and the password hash unless it is null (unchanged). */
    void update(ScimUser user, String passwordHash) {
        jdbc.sql("""
                        UPDATE users SET username = ?, email = ?, email_verified = ?, display_name = ?, enabled = ?,
                            given_name = ?, family_name = ?, external_id = ?, updated_at = ?,
                            password_hash = COALESCE(?, password_hash), version = version + 1
                        WHERE id = ?
                        """)
                .params(user.userName(), user.email(), user.emailVerified(), user.displayName(), user.active(),
                        user.givenName(), user.familyName(), user.externalId(), timestamp(user.lastModified()),
                        passwordHash, user.id())
                .update();
    }

    /** Marks a change that is not in the users row itself (a role), so the user's version and ETag change too. */
    public void touch(UUID id, Instant now) {
        jdbc.sql("UPDATE users SET updated_at = ?, version = version + 1 WHERE id = ?").params(timestamp(now), id)
                .update();
    }

    public void addRole(UUID id, String role) {
        jdbc.sql("INSERT INTO user_roles (user_id, role) VALUES (?, ?)").params(id, role).update();
    }

    public void removeRole(UUID id, String role) {
        jdbc.sql("DELETE FROM user_roles WHERE user_id = ? AND role = ?").params(id, role).update();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM users WHERE id = ?").param(id).update();
    }

    private Optional<ScimUser> one(String sql, UUID id) {
        return jdbc.sql(sql).param(id).query(this::withoutRoles).optional().map(user -> withRoles(List.of(user)).get(0));
    }

    private List<ScimUser> withRoles(List<ScimUser> users) {
        Map<UUID, SortedSet<String>> roles = userRoles.of(users.stream().map(ScimUser::id).toList());
        return users.stream()
                .map(user -> new ScimUser(user.id(), user.userName(), user.externalId(), user.givenName(),
                        user.familyName(), user.displayName(), user.email(), user.emailVerified(), user.active(),
                        user.created(), user.lastModified(), user.version(),
                        roles.getOrDefault(user.id(), Collections.emptySortedSet())))
                .collect(Collectors.toList());
    }

    private ScimUser withoutRoles(ResultSet rs, int row) throws SQLException {
        return new ScimUser(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("external_id"),
                rs.getString("given_name"), rs.getString("family_name"), rs.getString("display_name"),
                rs.getString("email"), rs.getBoolean("email_verified"), rs.getBoolean("enabled"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getLong("version"),
                Collections.emptySortedSet());
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** @param total how many users match in all, beyond this page */
    record Page(long total, List<ScimUser> users) {
    }
}
