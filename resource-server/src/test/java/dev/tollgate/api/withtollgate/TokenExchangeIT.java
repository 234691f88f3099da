package dev.tollgate.api.withtollgate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.tollgate.api.support.ApiResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API with tokens that Tollgate's demo-gateway got by token exchange (RFC 8693) from alice's token, JWT or opaque:
 * accepted like hers, and the users directory names the gateway as the actor.
 */
class TokenExchangeIT extends TollgateApiTest {

    enum SubjectToken {
        JWT("demo-web"),
        OPAQUE(TollgateProcess.OPAQUE_WEB_CLIENT);

        final String webClient;

        SubjectToken(String webClient) {
            this.webClient = webClient;
        }
    }

    @ParameterizedTest
    @EnumSource
    void anExchangedTokenReadsBooksAsAliceAndTheDirectoryNamesTheGateway(SubjectToken kind) {
        String alice = tokens.user(kind.webClient, "alice", "openid profile books.read");
        String aliceId = api.get("/api/users/me", alice).text("id");

        String viaGateway = tokens.exchanged("demo-gateway", alice);

        assertThat(tokens.introspect(viaGateway).path("act").path("sub").asString()).isEqualTo("demo-gateway");
        assertThat(api.get("/api/books", viaGateway).status()).isEqualTo(200);
        String admin = tokens.user("demo-web", "admin", "openid profile users.read");
        ApiResponse entry = api.get("/api/users/" + aliceId, admin);
        assertThat(entry.text("username")).isEqualTo("alice");
        assertThat(entry.text("lastActor")).isEqualTo("demo-gateway");
    }
}
