package dev.tollgate.auth.federation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The links between upstream identities (provider, subject) and local users. */
@Repository
public class FederatedIdentities {

    private final JdbcClient jdbc;

    public FederatedIdentities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UUID> userIdOf(String providerId, String subject) {
        return jdbc.sql("SELECT user_id FROM federated_identity WHERE provider_id = ? AND subject = ?")
                .params(providerId, subject)
                .query((rs, row) -> rs.getObject("user_id", UUID.class))
                .optional();
    }

    void link(UUID userId, UpstreamIdentity identity) {
        jdbc.sql("""
                        INSERT INTO federated_identity (provider_id, subject, user_id, email, username)
                        VALUES (?, ?, ?, ?, ?)
                        """)
                .params(identity.providerId(), identity.subject(), userId, identity.email(), identity.username())
                .update();
    }

    public List<LinkedIdentity> ofUser(UUID userId) {
        return jdbc.sql("""
                        SELECT provider_id, subject, email, username, linked_at FROM federated_identity
                        WHERE user_id = ? ORDER BY linked_at, provider_id
                        """)
                .param(userId)
                .query((rs, row) -> new LinkedIdentity(rs.getString("provider_id"), rs.getString("subject"),
                        rs.getString("email"), rs.getString("username"),
                        rs.getObject("linked_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Removes the user's link; false when the user has no such link. */
    public boolean unlink(UUID userId, String providerId, String subject) {
        return jdbc.sql("DELETE FROM federated_identity WHERE user_id = ? AND provider_id = ? AND subject = ?")
                .params(userId, providerId, subject)
                .update() == 1;
    }
}
