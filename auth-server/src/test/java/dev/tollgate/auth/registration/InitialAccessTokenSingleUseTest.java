package dev.tollgate.auth.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import org.junit.jupiter.api.RepeatedTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;

/**
 * README, Security, "Single use under concurrency": an initial access token sent in parallel registrations registers
 * one client; the other requests get {@code 401 invalid_token} and leave nothing behind. Both registration endpoints
 * (OpenID Connect and RFC 7591) accept the same token, so the race runs across them too.
 */
@AuthServerTest
class InitialAccessTokenSingleUseTest extends HttpTest {

    private static final int PARALLEL = 8;

    private static final List<String> ENDPOINTS = List.of("/connect/register", "/oauth2/register");

    @Autowired
    JdbcClient database;

    @RepeatedTest(5)
    void parallelRegistrationsWithOneInitialAccessTokenCreateOneClient() {
        String token = registrarToken();
        String clientName = "Racing Importer " + UUID.randomUUID();
        String metadata = """
                {"client_name": "%s", "redirect_uris": ["https://books.example.com/callback"],
                 "grant_types": ["authorization_code", "refresh_token"], "scope": "openid books.read"}
                """.formatted(clientName);

        List<Callable<Reply>> registrations = IntStream.range(0, PARALLEL)
                .mapToObj(i -> ENDPOINTS.get(i % ENDPOINTS.size()))
                .<Callable<Reply>>map(endpoint -> () -> http.postJson(endpoint, token, metadata))
                .toList();

        List<Reply> replies = Concurrently.run(registrations);

        List<Reply> registered = replies.stream().filter(reply -> reply.status() == 201).toList();
        assertThat(registered).as("registrations among %s", replies).hasSize(1);
        assertThat(replies).filteredOn(reply -> reply.status() != 201).allSatisfy(refused -> {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.field("error")).isEqualTo("invalid_token");
        });
        assertThat(database.sql("SELECT client_id FROM oauth2_registered_client WHERE client_name = ?")
                .param(clientName).query(String.class).list()).as("clients stored")
                .containsExactly(registered.get(0).field("client_id"));
    }

    private String registrarToken() {
        Reply token = http.clientCredentials("demo-registrar", "demo-registrar-secret", null);
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        return token.field("access_token");
    }
}
