package dev.tollgate.auth.demo;

import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.client.TollgateClientSettings;
import dev.tollgate.auth.password.NewPasswords;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * Idempotent writes of demo users and clients: upserts by username and client id, so a restart never duplicates.
 * The clients are marked {@linkplain TollgateClientSettings#BUILT_IN built in}.
 * Users' passwords follow the password policy like everyone else's.
 */
@Component
class DemoSeed {

    private final UserRepository users;
    private final RegisteredClientRepository clients;
    private final NewPasswords newPasswords;

    DemoSeed(UserRepository users, RegisteredClientRepository clients, NewPasswords newPasswords) {
        this.users = users;
        this.clients = clients;
        this.newPasswords = newPasswords;
    }

    /** @throws dev.tollgate.auth.password.UnacceptablePasswordException when the policy refuses the password */
    void upsertUser(String username, String password, String email, String displayName, String... roles) {
        users.upsertByUsername(new TollgateUser(UUID.randomUUID(), username, newPasswords.hashOf(password, username),
                email, true, displayName, true, new TreeSet<>(List.of(roles))));
    }

    /** Saves the client under the id it already has, so the update replaces the row instead of adding one. */
    void upsertClient(String clientId, String clientName, Consumer<RegisteredClient.Builder> registration) {
        RegisteredClient existing = clients.findByClientId(clientId);
        RegisteredClient.Builder client = RegisteredClient.withId(existing != null ? existing.getId() : clientId)
                .clientId(clientId)
                .clientName(clientName);
        registration.accept(client);
        RegisteredClient registered = client.build();
        clients.save(RegisteredClient.from(registered)
                .clientSettings(ClientSettings.withSettings(registered.getClientSettings().getSettings())
                        .setting(TollgateClientSettings.BUILT_IN, true)
                        .build())
                .build());
    }
}
