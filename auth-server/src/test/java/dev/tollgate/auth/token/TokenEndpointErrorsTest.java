package dev.tollgate.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;

/** Bad requests to the token, introspection and revocation endpoints get their RFC 6749 / 7662 / 7009 errors. */
@AuthServerTest
class TokenEndpointErrorsTest extends HttpTest {

    @Test
    void anUnknownClientIsInvalidClient() {
        assertError(http.clientCredentials("nobody", "secret", null), 401, "invalid_client");
    }

    @Test
    void aWrongSecretIsInvalidClient() {
        assertError(http.clientCredentials("demo-service", "wrong-secret", null), 401, "invalid_client");
    }

    @Test
    void aSecretSentInTheFormIsAcceptedToo() {
        Reply reply = http.post("/oauth2/token", Map.of("grant_type", "client_credentials",
                "client_id", "demo-service", "client_secret", "demo-service-secret"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    @Test
    void theResourceServerCannotObtainATokenAtAll() {
        assertError(http.clientCredentials("resource-server", "resource-server-secret", null), 400,
                "unauthorized_client");
    }

    @Test
    void aClientWithoutTheGrantTypeIsUnauthorizedClient() {
        assertError(http.clientCredentials("demo-web", "demo-web-secret", null), 400, "unauthorized_client");
    }

    @Test
    void aScopeNotRegisteredForTheClientIsInvalidScope() {
        assertError(http.clientCredentials("demo-service", "demo-service-secret", "users.read"), 400,
                "invalid_scope");
    }

    @Test
    void thePasswordGrantIsUnsupported() {
        assertError(http.post("/oauth2/token", "demo-web", "demo-web-secret",
                Map.of("grant_type", "password", "username", "alice", "password", "alice-password")), 400,
                "unsupported_grant_type");
    }

    @Test
    void aRequestWithoutGrantTypeIsInvalidRequest() {
        assertError(http.post("/oauth2/token", "demo-service", "demo-service-secret", Map.of("scope", "books.read")),
                400, "invalid_request");
    }

    @Test
    void aServiceThatIsNotAResourceServerMayNotIntrospect() {
        String token = http.clientCredentials("demo-service", "demo-service-secret", null).field("access_token");
        assertError(http.post("/oauth2/introspect", "demo-service", "demo-service-secret", Map.of("token", token)),
                400, "unauthorized_client");
    }

    @Test
    void introspectionWithoutClientAuthenticationIsInvalidClient() {
        assertError(http.post("/oauth2/introspect", Map.of("token", "anything")), 401, "invalid_client");
    }

    @Test
    void anIntrospectionRequestWithoutTokenIsInvalidRequest() {
        assertError(http.post("/oauth2/introspect", "resource-server", "resource-server-secret", Map.of()), 400,
                "invalid_request");
    }

    @Test
    void revokingAnUnknownTokenSucceedsAsRfc7009Says() {
        Reply reply = http.post("/oauth2/revoke", "demo-service", "demo-service-secret", Map.of("token", "unknown"));
        assertThat(reply.status()).isEqualTo(200);
    }

    private static void assertError(Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        if (!reply.body().isEmpty()) {
            assertThat(reply.field("error")).as(reply.toString()).isEqualTo(error);
        }
        else {
            assertThat(error).as("an empty %d body stands for %s", status, error).isEqualTo("invalid_client");
        }
    }
}
