package dev.tollgate.api.docs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.api.support.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiDocsTest extends ApiTest {

    @LocalServerPort
    private int port;

    /** Every endpoint of the API with the scopes its security requirement names. */
    private static final Map<String, List<String>> ENDPOINTS = Map.of(
            "get /api/books", List.of("books.read"),
            "post /api/books", List.of("books.write"),
            "get /api/books/{id}", List.of("books.read"),
            "put /api/books/{id}", List.of("books.write"),
            "delete /api/books/{id}", List.of("books.write"),
            "get /api/users", List.of("users.read"),
            "get /api/users/me", List.of("profile"),
            "get /api/users/{id}", List.of("profile"));

    @Test
    void theDescriptionIsPublicAndListsEveryEndpointWithItsSecurityRequirement() {
        ApiResponse docs = api.get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.text("openapi")).startsWith("3.");
        List<String> operations = new ArrayList<>();
        docs.body().path("paths").properties().forEach(path -> path.getValue().properties().forEach(
                operation -> operations.add(operation.getKey() + " " + path.getKey())));
        assertThat(operations).containsExactlyInAnyOrderElementsOf(ENDPOINTS.keySet());

        ENDPOINTS.forEach((operation, scopes) -> {
            String[] methodAndPath = operation.split(" ");
            JsonNode security = docs.body().path("paths").path(methodAndPath[1]).path(methodAndPath[0]).path("security");
            // alternatives: Tollgate with the scopes the operation needs, or a pasted token
            assertThat(security.size()).as(operation).isEqualTo(2);
            List<String> named = new ArrayList<>();
            List<String> schemes = new ArrayList<>();
            security.forEach(requirement -> {
                schemes.addAll(requirement.propertyNames());
                requirement.path(OpenApiConfig.SCHEME).forEach(scope -> named.add(scope.asString()));
            });
            assertThat(schemes).as(operation).containsExactlyInAnyOrder(OpenApiConfig.SCHEME, OpenApiConfig.PASTED_TOKEN);
            assertThat(named).as(operation).isEqualTo(scopes);
        });
    }

    @Test
    void theSecuritySchemeIsTollgateWithAuthorizationCodeAndClientCredentialsOrAPastedToken() {
        JsonNode scheme = api.get("/v3/api-docs", null).body().path("components").path("securitySchemes")
                .path(OpenApiConfig.SCHEME);

        assertThat(scheme.path("type").asString()).isEqualTo("oauth2");
        JsonNode code = scheme.path("flows").path("authorizationCode");
        assertThat(code.path("authorizationUrl").asString()).isEqualTo(AUTH_SERVER.issuer() + "/oauth2/authorize");
        assertThat(code.path("tokenUrl").asString()).isEqualTo(AUTH_SERVER.issuer() + "/oauth2/token");
        assertThat(code.path("scopes").has("books.write")).isTrue();
        assertThat(scheme.path("flows").path("clientCredentials").path("tokenUrl").asString())
                .isEqualTo(AUTH_SERVER.issuer() + "/oauth2/token");
        JsonNode pasted = api.get("/v3/api-docs", null).body().path("components").path("securitySchemes")
                .path(OpenApiConfig.PASTED_TOKEN);
        assertThat(pasted.path("type").asString()).isEqualTo("http");
        assertThat(pasted.path("scheme").asString()).isEqualTo("bearer");
    }

    @Test
    void swaggerUiIsPublicAndSignsInWithPkce() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/swagger-ui/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");

        ApiResponse config = api.get("/v3/api-docs/swagger-config", null);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body().path("oauth2RedirectUrl").asString()).endsWith("/swagger-ui/oauth2-redirect.html");
    }
}
