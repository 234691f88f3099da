package dev.tollgate.auth.useradmin;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The roles of many users read in one query, for a page of users (SCIM lists, the console's tables). */
@Repository
public class UserRoles {

    private final JdbcClient jdbc;

    public UserRoles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Each user's roles, unmodifiable; a user without any, or unknown, is left out. */
    public Map<UUID, SortedSet<String>> of(Collection<UUID> users) {
        Map<UUID, SortedSet<String>> roles = new TreeMap<>();
        if (users.isEmpty()) {
            return roles;
        }
        jdbc.sql("SELECT user_id, role FROM user_roles WHERE user_id IN (:ids)")
                .param("ids", users)
                .query((rs, row) -> roles.computeIfAbsent(rs.getObject("user_id", UUID.class), id -> new TreeSet<>())
                        .add(rs.getString("role")))
                .list();
        roles.replaceAll((user, held) -> Collections.unmodifiableSortedSet(held));
        return roles;
    }
}
