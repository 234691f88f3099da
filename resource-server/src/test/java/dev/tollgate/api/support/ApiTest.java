package dev.tollgate.api.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the API tests: one application on a random port with an in-memory database, trusting the fake
 * auth server. Every subclass shares the same Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:api-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "tollgate.api.audience=" + AccessTokens.AUDIENCE})
public abstract class ApiTest {

    protected static final FakeAuthorizationServer AUTH_SERVER = new FakeAuthorizationServer();
    protected static final AccessTokens TOKENS = new AccessTokens(AUTH_SERVER);

    @LocalServerPort
    private int port;

    protected ApiClient api;

    @DynamicPropertySource
    static void trustTheFakeAuthServer(DynamicPropertyRegistry registry) {
        registry.add("tollgate.issuer", AUTH_SERVER::issuer);
    }

    @BeforeEach
    void connect() {
        // started only now, after the application: it must not need the auth server to start
        AUTH_SERVER.start();
        api = new ApiClient("http://localhost:" + port);
    }

    /** Every error is RFC 9457 problem+json with a stable type under tollgate.dev/problems. */
    protected static void assertProblem(ApiResponse response, int status, String typeSlug) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.contentType()).isNotNull();
        assertThat(response.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(response.text("type")).isEqualTo("https://tollgate.dev/problems/" + typeSlug);
        assertThat(response.body().path("status").asInt()).isEqualTo(status);
        assertThat(response.text("title")).isNotBlank();
        assertThat(response.text("detail")).isNotBlank();
    }
}
