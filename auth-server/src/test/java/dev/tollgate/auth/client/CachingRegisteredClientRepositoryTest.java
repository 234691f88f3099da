package dev.tollgate.auth.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

class CachingRegisteredClientRepositoryTest {

    private final AtomicLong nanos = new AtomicLong();

    private final CountingRepository stored = new CountingRepository(client("service", "{sha256}old"));

    private final CachingRegisteredClientRepository clients = new CachingRegisteredClientRepository(stored,
            Duration.ofSeconds(30), nanos::get);

    @Test
    void aClientIsReadFromTheDatabaseOnceWithinTheTtl() {
        clients.findByClientId("service");
        clients.findByClientId("service");
        clients.findById("id-service");
        clients.findById("id-service");

        assertThat(stored.reads).isEqualTo(2);
        assertThat(clients.findByClientId("service").getClientSecret()).isEqualTo("{sha256}old");
    }

    @Test
    void aSavedClientIsSeenAtOnceNotAfterTheTtl() {
        clients.findByClientId("service");
        clients.findById("id-service");

        clients.save(RegisteredClient.from(stored.findById("id-service")).clientSecret("{sha256}new").build());

        assertThat(clients.findByClientId("service").getClientSecret()).isEqualTo("{sha256}new");
        assertThat(clients.findById("id-service").getClientSecret()).isEqualTo("{sha256}new");
    }

    @Test
    void afterTheTtlTheClientIsReadAgain() {
        clients.findByClientId("service");
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());

        clients.findByClientId("service");

        assertThat(stored.reads).isEqualTo(2);
    }

    @Test
    void anUnknownClientIsNotRememberedSoOneRegisteredLaterWorksAtOnce() {
        assertThat(clients.findByClientId("later")).isNull();

        stored.save(client("later", "{sha256}x"));

        assertThat(clients.findByClientId("later")).isNotNull();
    }

    private static RegisteredClient client(String clientId, String secret) {
        return RegisteredClient.withId("id-" + clientId).clientId(clientId).clientSecret(secret)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).build();
    }

    /** Spring Authorization Server's in-memory store, counting the look-ups that reach it. */
    private static final class CountingRepository implements RegisteredClientRepository {

        private final InMemoryRegisteredClientRepository clients;

        private int reads;

        CountingRepository(RegisteredClient first) {
            clients = new InMemoryRegisteredClientRepository(first);
        }

        @Override
        public void save(RegisteredClient client) {
            clients.save(client);
        }

        @Override
        public RegisteredClient findById(String id) {
            reads++;
            return clients.findById(id);
        }

        @Override
        public RegisteredClient findByClientId(String clientId) {
            reads++;
            return clients.findByClientId(clientId);
        }
    }
}
