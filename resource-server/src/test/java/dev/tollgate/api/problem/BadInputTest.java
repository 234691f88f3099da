package dev.tollgate.api.problem;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.api.support.ApiTest;

import static dev.tollgate.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a client sends, the answer is a 4xx problem, never a 500 or a stack trace. */
class BadInputTest extends ApiTest {

    private static final String OVERSIZED = "{\"title\": \"" + "x".repeat(70 * 1024) + "\", \"author\": \"A\"}";

    private final String admin = TOKENS.admin("books.read books.write").sign();

    @LocalServerPort
    private int port;

    @Test
    void aBodyOverTheLimitIs413() {
        assertProblem(api.post("/api/books", admin, OVERSIZED), 413, "payload-too-large");
        assertProblem(api.put("/api/books/1", admin, OVERSIZED, "*"), 413, "payload-too-large");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() throws Exception {
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/books"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(OVERSIZED.getBytes(StandardCharsets.UTF_8))))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());

        HttpHeaders headers = new HttpHeaders();
        response.headers().map().forEach(headers::addAll);
        assertProblem(ApiResponse.of(response.statusCode(), headers, response.body()), 413, "payload-too-large");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        for (String path : List.of("/api/books", "/api/books/1")) {
            HttpMethod method = path.equals("/api/books") ? HttpMethod.POST : HttpMethod.PUT;
            assertProblem(api.exchange(method, path, headers -> headers.setBearerAuth(admin), "<book/>",
                    MediaType.APPLICATION_XML), 415, "unsupported-media-type");
            assertProblem(api.exchange(method, path, headers -> headers.setBearerAuth(admin), "title=Dune",
                    MediaType.APPLICATION_FORM_URLENCODED), 415, "unsupported-media-type");
        }
    }

    @Test
    void malformedJsonIs400() {
        assertProblem(api.post("/api/books", admin, "{\"title\": \"Dune\", "), 400, "malformed-request");
        assertProblem(api.post("/api/books", admin, "not json at all"), 400, "malformed-request");
        assertProblem(api.exchange(HttpMethod.POST, "/api/books", headers -> {
            headers.setBearerAuth(admin);
            headers.setContentType(MediaType.APPLICATION_JSON);
        }, null, null), 400, "malformed-request");
    }

    @Test
    void everyMalformedAuthorizationHeaderIs401() {
        for (String authorization : List.of("Bearer", "Bearer ", "Bearer a b", "Bearer ====",
                "Bearer " + "a".repeat(6_000))) {
            ApiResponse response = api.exchange(HttpMethod.GET, "/api/books",
                    headers -> headers.set(HttpHeaders.AUTHORIZATION, authorization), null, null);

            assertThat(response.status()).as(authorization).isEqualTo(401);
            assertThat(response.header(HttpHeaders.WWW_AUTHENTICATE)).as(authorization).startsWith("Bearer");
            assertThat(response.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        }
    }
}
