package dev.tollgate.auth.scim.groups;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who holds a role: the members of its group. */
@Repository
class GroupMembers {

    private final JdbcClient jdbc;

    GroupMembers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param active whether the member may sign in: only active ADMINs count as administrators */
    record Member(UUID id, String userName, boolean active) {
    }

    List<Member> of(String role) {
        return jdbc.sql("""
                        SELECT u.id, u.username, u.enabled FROM users u JOIN user_roles r ON r.user_id = u.id
                        WHERE r.role = ? ORDER BY u.username, u.id
                        """)
                .param(role)
                .query((rs, row) -> new Member(rs.getObject("id", UUID.class), rs.getString("username"),
                        rs.getBoolean("enabled")))
                .list();
    }

    /** The users among {@code ids} that exist, locked until the transaction ends. */
    List<Member> lock(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id, username, enabled FROM users WHERE id IN (:ids) ORDER BY id FOR UPDATE")
                .param("ids", ids)
                .query((rs, row) -> new Member(rs.getObject("id", UUID.class), rs.getString("username"),
                        rs.getBoolean("enabled")))
                .list();
    }
}
