package dev.tollgate.api.user;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tollgate.api.support.AccessTokens;
import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.api.support.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token a gateway got by token exchange (RFC 8693) is a user's token like any other, JWT or opaque; the users
 * directory records, and logs, which client acted for the user.
 */
@ExtendWith(OutputCaptureExtension.class)
class ActingClientsTest extends ApiTest {

    private final String admin = TOKENS.admin("openid profile users.read books.read").sign();

    @Test
    void anExchangedJwtIsAcceptedAndTheDirectoryNamesTheActor(CapturedOutput output) {
        String aliceId = UUID.randomUUID().toString();
        String viaGateway = TOKENS.alice("books.read").subject(aliceId).actedOnBy("demo-gateway").sign();

        assertThat(api.get("/api/books", viaGateway).status()).isEqualTo(200);

        ApiResponse entry = api.get("/api/users/" + aliceId, admin);
        assertThat(entry.text("username")).isEqualTo("alice");
        assertThat(entry.text("lastActor")).isEqualTo("demo-gateway");
        assertThat(output.getAll()).contains("users directory: user=" + aliceId + " username=alice seen through"
                + " actor=demo-gateway");
    }

    @Test
    void anExchangedOpaqueTokenIsAcceptedAndTheDirectoryNamesTheActor() {
        String aliceId = UUID.randomUUID().toString();
        String viaGateway = AUTH_SERVER.issueOpaqueToken(Map.of("sub", aliceId, "client_id", "demo-gateway",
                "username", "alice", "roles", List.of("USER"), "scope", "books.read", "aud", AccessTokens.AUDIENCE,
                "act", Map.of("sub", "demo-gateway")));

        assertThat(api.get("/api/books", viaGateway).status()).isEqualTo(200);

        assertThat(api.get("/api/users/" + aliceId, admin).text("lastActor")).isEqualTo("demo-gateway");
    }

    @Test
    void theActorIsTheOutermostOfNestedActorsAndGoesWhenTheUserCallsThemselves() {
        String bobId = UUID.randomUUID().toString();
        api.get("/api/books", TOKENS.user("bob", List.of("USER"), "books.read").subject(bobId)
                .actedOnBy("edge-gateway", "demo-gateway").sign());
        assertThat(api.get("/api/users/" + bobId, admin).text("lastActor")).isEqualTo("edge-gateway");

        api.get("/api/books", TOKENS.user("bob", List.of("USER"), "books.read").subject(bobId).sign());

        assertThat(api.get("/api/users/" + bobId, admin).body().path("lastActor").isNull()).isTrue();
    }

    @Test
    void aGatewaysTokenWithoutUsernameKeepsTheUsernameTheDirectoryKnows() {
        String daveId = UUID.randomUUID().toString();
        api.get("/api/users/me", TOKENS.user("dave", List.of("USER"), "openid profile").subject(daveId).sign());
        String withoutProfile = TOKENS.client("demo-gateway", "books.read").subject(daveId)
                .claim("roles", List.of("USER")).actedOnBy("demo-gateway").sign();

        assertThat(api.get("/api/books", withoutProfile).status()).isEqualTo(200);

        ApiResponse entry = api.get("/api/users/" + daveId, admin);
        assertThat(entry.text("username")).isEqualTo("dave");
        assertThat(entry.text("lastActor")).isEqualTo("demo-gateway");
    }

    @Test
    void aUserCallingThroughTheirOwnClientHasNoActor() {
        String carolId = UUID.randomUUID().toString();

        api.get("/api/books", TOKENS.user("carol", List.of("USER"), "books.read").subject(carolId).sign());

        assertThat(api.get("/api/users/" + carolId, admin).body().path("lastActor").isNull()).isTrue();
    }
}
