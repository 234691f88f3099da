package dev.tollgate.api.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.api.paging.PageQuery;
import dev.tollgate.api.security.Caller;

/** The users directory: who has called the API, as their latest token described them. */
@Repository
public class UserDirectory {

    static final Map<String, String> SORTABLE_COLUMNS = Map.of(
            "id", "id", "username", "username", "email", "email", "firstSeen", "first_seen", "lastSeen", "last_seen");

    private static final String COLUMNS = "id, username, email, roles, first_seen, last_seen, last_actor";

    private final JdbcClient jdbc;

    public UserDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the caller on their first call; later calls refresh what the token says (a username or email it does not
     * carry stays as it was), {@code last_seen} and {@code last_actor}.
     */
    @Transactional
    public void record(Caller caller, Instant seenAt) {
        OffsetDateTime now = seenAt.atOffset(ZoneOffset.UTC);
        if (update(caller, now)) {
            return;
        }
        try {
            jdbc.sql("insert into directory_user (" + COLUMNS + ") values (:id, :username, :email, :roles, :now, :now, :actor)")
                    .param("id", caller.subject())
                    .param("username", caller.username())
                    .param("email", caller.email())
                    .param("roles", String.join(" ", caller.roles()))
                    .param("now", now)
                    .param("actor", caller.actor())
                    .update();
        } catch (DuplicateKeyException firstCallsRacing) {
            update(caller, now);
        }
    }

    Optional<DirectoryUser> findById(String id) {
        return jdbc.sql("select " + COLUMNS + " from directory_user where id = :id").param("id", id)
                .query(UserDirectory::mapUser).optional();
    }

    List<DirectoryUser> findPage(PageQuery page) {
        return jdbc.sql("select " + COLUMNS + " from directory_user order by " + page.orderBy()
                        + " limit :limit offset :offset")
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(UserDirectory::mapUser)
                .list();
    }

    long count() {
        return jdbc.sql("select count(*) from directory_user").query(Long.class).single();
    }

    private boolean update(Caller caller, OffsetDateTime now) {
        // a token without preferred_username (no scope profile, as a gateway's often is) says nothing about the name
        return jdbc.sql("update directory_user set username = coalesce(:username, username), "
                        + "email = coalesce(:email, email), roles = :roles, last_seen = :now, last_actor = :actor "
                        + "where id = :id")
                .param("username", caller.username())
                .param("email", caller.email())
                .param("roles", String.join(" ", caller.roles()))
                .param("now", now)
                .param("actor", caller.actor())
                .param("id", caller.subject())
                .update() == 1;
    }

    private static DirectoryUser mapUser(ResultSet row, int rowNumber) throws SQLException {
        String roles = row.getString("roles");
        return new DirectoryUser(
                row.getString("id"),
                row.getString("username"),
                row.getString("email"),
                roles.isBlank() ? List.of() : List.of(roles.split(" ")),
                instant(row, "first_seen"),
                instant(row, "last_seen"),
                row.getString("last_actor"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
