package dev.tollgate.auth.cors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.OAuthHttp;
import dev.tollgate.auth.support.Pkce;

/** The demo profile lets the example API's Swagger UI (http://localhost:8080) call Tollgate from the browser. */
@AuthServerTest
class BrowserAccessTest {

    private static final String SWAGGER_UI = "http://localhost:8080";
    private static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anAllowedOriginMayAskToPostToTheTokenEndpoint() throws Exception {
        HttpResponse<String> preflight = send(preflight("/oauth2/token", SWAGGER_UI));

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue(ALLOW_ORIGIN)).hasValue(SWAGGER_UI);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void anAllowedOriginCanReadTheTokenResponse() throws Exception {
        HttpResponse<String> token = send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Origin", SWAGGER_UI)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("demo-service:demo-service-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));

        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.headers().firstValue(ALLOW_ORIGIN)).hasValue(SWAGGER_UI);
    }

    @Test
    void anyOtherOriginIsRefused() throws Exception {
        HttpResponse<String> preflight = send(preflight("/oauth2/token", "https://evil.example"));

        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue(ALLOW_ORIGIN)).isEmpty();
    }

    @Test
    void theHostedPagesAreNeverOpenToOtherOrigins() throws Exception {
        HttpResponse<String> preflight = send(preflight("/login", SWAGGER_UI));

        assertThat(preflight.headers().firstValue(ALLOW_ORIGIN)).isEmpty();
    }

    @Test
    void swaggerUiIsARegisteredPublicClientWithItsRedirectUri() {
        OAuthHttp oauth = new OAuthHttp(port);
        String redirect = SWAGGER_UI + "/swagger-ui/oauth2-redirect.html";

        OAuthHttp.Reply accepted = oauth.get(Browser.authorizePath("api-docs", redirect, "openid books.read", "s1",
                Pkce.create()));
        OAuthHttp.Reply unknownRedirect = oauth.get(Browser.authorizePath("api-docs", SWAGGER_UI + "/elsewhere",
                "openid books.read", "s2", Pkce.create()));

        assertThat(accepted.status()).as("on to sign-in").isEqualTo(302);
        assertThat(accepted.location()).endsWith("/login");
        assertThat(unknownRedirect.status()).isEqualTo(400);
    }

    private HttpRequest.Builder preflight(String path, String origin) {
        return HttpRequest.newBuilder(uri(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
