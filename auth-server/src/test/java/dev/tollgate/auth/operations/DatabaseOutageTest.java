package dev.tollgate.auth.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tollgate.auth.AuthServerApplication;
import dev.tollgate.auth.support.OAuthHttp;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.testsupport.EmbeddedPostgres;

/**
 * An instance whose PostgreSQL goes away: it stays alive (a restart would not bring the database back), reports
 * not ready so that the load balancer sends traffic elsewhere, and answers what needs the database with 503 and
 * {@code Retry-After}, as an OAuth error for clients and as a page for browsers, never a 500.
 */
class DatabaseOutageTest {

    private static final String CLIENT = "demo-service-opaque";

    private static final String SECRET = "demo-service-opaque-secret";

    @Test
    void withoutItsDatabaseAnInstanceStaysAliveTurnsUnreadyAndAnswers503() throws Exception {
        // its own server, not the shared test one: this test stops it
        EmbeddedPostgres.OwnServer database = EmbeddedPostgres.startOwnServer();
        List<String> arguments = new ArrayList<>(List.of(database.arguments()));
        arguments.addAll(List.of("--server.port=0", "--DB_CONNECTION_TIMEOUT_MS=1000"));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(AuthServerApplication.class)
                .profiles("demo", "test")
                .run(arguments.toArray(String[]::new))) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            OAuthHttp http = new OAuthHttp(port);
            assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
            // an opaque token is stored: issuing one needs the database (the client itself is cached by now)
            assertThat(http.clientCredentials(CLIENT, SECRET, null).status()).isEqualTo(200);

            database.close();

            Reply readiness = http.get("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.json().get("components").get("db").get("status").asString()).isEqualTo("DOWN");
            assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);

            Reply token = http.clientCredentials(CLIENT, SECRET, null);
            assertThat(token.status()).as(token.toString()).isEqualTo(503);
            assertThat(token.field("error")).isEqualTo("temporarily_unavailable");
            assertThat(token.retryAfter()).isEqualTo("5");
            assertThat(token.body()).doesNotContain("Exception", "jdbc", "postgres");

            HttpResponse<String> page = browserGet(port, "/login");
            assertThat(page.statusCode()).as(page.body()).isEqualTo(503);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith("text/html"));
            assertThat(page.body()).contains("Tollgate cannot reach its database").doesNotContain("Exception");
        }
        finally {
            database.close();
        }
    }

    private static HttpResponse<String> browserGet(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8").GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
