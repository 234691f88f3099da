package dev.tollgate.auth.client;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository.JsonMapperRegisteredClientRowMapper;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * What Spring Authorization Server's {@link RegisteredClientRepository} cannot do with the client store (table
 * {@code oauth2_registered_client}, V2 migration): list clients, remove one with its consents, and replace a secret
 * only if nobody replaced it since it was read. Every change is forgotten by the client cache at once, on every
 * instance ({@link ClientChangeNotifications}).
 */
@Component
public class ClientRecords {

    private final JdbcClient jdbc;

    private final RegisteredClientRepository clients;

    private final JsonMapperRegisteredClientRowMapper rowMapper = new JsonMapperRegisteredClientRowMapper();

    public ClientRecords(JdbcClient jdbc, RegisteredClientRepository clients) {
        this.jdbc = jdbc;
        this.clients = clients;
    }

    /**
     * Clients newest first (then by client id), {@code limit} of them from {@code offset}: what an administrator
     * just registered is on the first page.
     */
    public List<RegisteredClient> page(long offset, int limit) {
        return jdbc.sql("SELECT * FROM oauth2_registered_client ORDER BY client_id_issued_at DESC, client_id"
                        + " LIMIT :limit OFFSET :offset")
                .param("limit", limit).param("offset", offset)
                .query(rowMapper)
                .list();
    }

    /** The client as stored now, past the cache; with {@code forUpdate} its row stays locked until the transaction ends. */
    public Optional<RegisteredClient> find(String clientId, boolean forUpdate) {
        return jdbc.sql("SELECT * FROM oauth2_registered_client WHERE client_id = ?" + (forUpdate ? " FOR UPDATE" : ""))
                .param(clientId)
                .query(rowMapper)
                .optional();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM oauth2_registered_client").query(Long.class).single();
    }

    /** Removes the client and every consent given to it; false if it was gone already. */
    public boolean remove(RegisteredClient client) {
        try {
            jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE registered_client_id = ?")
                    .param(client.getId()).update();
            return jdbc.sql("DELETE FROM oauth2_registered_client WHERE id = ?").param(client.getId()).update() > 0;
        }
        finally {
            forget();
        }
    }

    /**
     * Stores {@code newDigest} as the client's secret if its secret is still {@code readDigest}; false if another
     * change came first (or the client is gone), and then nothing is changed.
     */
    public boolean replaceSecret(RegisteredClient read, String newDigest) {
        try {
            return jdbc.sql("UPDATE oauth2_registered_client SET client_secret = :new"
                            + " WHERE id = :id AND client_secret = :read")
                    .param("new", newDigest).param("id", read.getId()).param("read", read.getClientSecret())
                    .update() > 0;
        }
        finally {
            forget();
        }
    }

    private void forget() {
        if (clients instanceof CachingRegisteredClientRepository cache) {
            cache.changed();
        }
    }
}
