package dev.tollgate.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tollgate.api.support.AccessTokens;
import dev.tollgate.api.support.ApiClient;
import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.api.support.FakeAuthorizationServer;
import dev.tollgate.api.support.StandaloneApi;
import dev.tollgate.testsupport.TestDatabases;

import static dev.tollgate.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local run and the e2e test start all apps at once: this API must come up before the auth server
 * and start accepting its tokens as soon as the auth server answers. A separate application on purpose,
 * since the shared test context has long fetched the keys.
 */
class StartupWithoutAuthServerTest {

    @Test
    void theApiStartsWhileTheAuthServerIsDownAndAcceptsTokensOnceItIsUp() {
        FakeAuthorizationServer authServer = new FakeAuthorizationServer();
        String token = new AccessTokens(authServer).alice("books.read").sign();
        try (ConfigurableApplicationContext app = StandaloneApi.start(authServer,
                "--spring.datasource.url=" + TestDatabases.h2("startup-test"))) {
            ApiClient api = StandaloneApi.clientOf(app);

            assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
            ApiResponse whileDown = api.get("/api/books", token);
            assertProblem(whileDown, 503, "token-validation-unavailable");
            assertThat(whileDown.header("Retry-After")).isNotBlank();

            authServer.start();
            ApiResponse onceUp = api.get("/api/books", token);

            assertThat(onceUp.status()).isEqualTo(200);
            assertThat(onceUp.body().path("page").path("totalElements").asInt()).as("demo books").isGreaterThanOrEqualTo(5);
        } finally {
            authServer.stop();
        }
    }
}
