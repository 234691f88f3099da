package dev.tollgate.api.problem;

import static dev.tollgate.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.tollgate.api.support.AccessTokens;
import dev.tollgate.api.support.ApiClient;
import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.api.support.FakeAuthorizationServer;
import dev.tollgate.api.support.LoopbackCaller;
import dev.tollgate.api.support.StandaloneApi;
import dev.tollgate.testsupport.EmbeddedPostgres;

/**
 * The API's PostgreSQL goes away under a running instance: the instance stays alive, reports not ready, and
 * answers 503 problems with {@code Retry-After}, whether the failure comes from a controller (a client's token)
 * or from the user-directory filter that runs before it (a user's token). Opaque tokens are still checked within
 * each caller's introspection budget, counted by the instance alone.
 */
class DatabaseOutageTest {

    private static final int UNKNOWN_TOKENS = 3;

    @Test
    void withoutItsDatabaseTheApiStaysAliveTurnsUnreadyAndAnswers503Problems() throws Exception {
        FakeAuthorizationServer authServer = new FakeAuthorizationServer().start();
        AccessTokens tokens = new AccessTokens(authServer);
        // its own server, not the shared test one: this test stops it
        EmbeddedPostgres.OwnServer database = EmbeddedPostgres.startOwnServer();
        List<String> arguments = new ArrayList<>(List.of(database.arguments()));
        arguments.add("--DB_CONNECTION_TIMEOUT_MS=1000");
        arguments.add("--tollgate.api.introspection.unknown-tokens-per-address=" + UNKNOWN_TOKENS);
        try (ConfigurableApplicationContext app = StandaloneApi.start(authServer, arguments.toArray(String[]::new))) {
            ApiClient api = StandaloneApi.clientOf(app);
            assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
            assertThat(api.get("/api/books", tokens.alice("books.read").sign()).status()).isEqualTo(200);

            database.close();

            ApiResponse readiness = api.get("/actuator/health/readiness", null);
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.body().path("status").asString()).isEqualTo("DOWN");
            assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);

            ApiResponse fromController = api.get("/api/books", tokens.client("demo-service", "books.read").sign());
            assertProblem(fromController, 503, "data-unavailable");
            assertThat(fromController.header("Retry-After")).isEqualTo("5");

            ApiResponse fromFilter = api.get("/api/books", tokens.user("carol", List.of("USER"), "books.read")
                    .sign());
            assertProblem(fromFilter, 503, "data-unavailable");
            assertThat(fromFilter.header("Retry-After")).isEqualTo("5");
            assertThat(fromFilter.body().toString()).doesNotContain("Exception", "jdbc");

            // the introspection budgets live in the database too: without it, this instance counts them alone
            LoopbackCaller stranger = new LoopbackCaller(
                    "http://localhost:" + app.getEnvironment().getProperty("local.server.port"), "127.0.0.10");
            for (int token = 0; token < UNKNOWN_TOKENS; token++) {
                assertProblem(stranger.get("/api/books", FakeAuthorizationServer.randomOpaqueToken()), 401,
                        "invalid-token");
            }
            assertProblem(stranger.get("/api/books", FakeAuthorizationServer.randomOpaqueToken()), 429,
                    "too-many-unknown-tokens");
        }
        finally {
            database.close();
            authServer.stop();
        }
    }
}
