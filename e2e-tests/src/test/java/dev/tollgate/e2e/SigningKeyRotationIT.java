package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tollgate.testsupport.FreePorts;
import dev.tollgate.testsupport.RunningJar;

/**
 * Key rotation on the running system: an admin rotates the auth server's signing key, and the resource server,
 * never restarted, accepts tokens signed with the new key (an unknown kid makes it fetch the JWKS again) while the
 * tokens signed before keep working, since the retired key stays published until they have expired.
 */
class SigningKeyRotationIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static RunningJar authServer;
    private static RunningJar resourceServer;

    @BeforeAll
    static void startAuthAndResourceServers() {
        int authPort = FreePorts.next();
        int apiPort = FreePorts.next();
        String issuer = "http://localhost:" + authPort;
        String api = "http://localhost:" + apiPort;
        authServer = RunningJar.start("auth-server", authPort, Map.of("AUTH_ISSUER", issuer, "API_AUDIENCE", api));
        resourceServer = RunningJar.start("resource-server", apiPort, Map.of("AUTH_ISSUER", issuer,
                "API_AUDIENCE", api));
        authServer.awaitHealthy();
        resourceServer.awaitHealthy();
    }

    @AfterAll
    static void stop() {
        for (RunningJar app : new RunningJar[] {resourceServer, authServer}) {
            if (app != null) {
                app.close();
            }
        }
    }

    @Test
    void aRunningResourceServerAcceptsTokensSignedBeforeAndAfterAKeyRotation() throws Exception {
        String before = serviceToken();
        assertThat(booksStatus(before)).isEqualTo(200);

        rotateAsAdmin();

        String after = serviceToken();
        assertThat(kidOf(after)).isNotEqualTo(kidOf(before));
        assertThat(publishedKids()).contains(kidOf(before), kidOf(after));
        assertThat(booksStatus(after)).as("new key, no restart").isEqualTo(200);
        assertThat(booksStatus(before)).as("old key, still published").isEqualTo(200);
    }

    private static void rotateAsAdmin() throws IOException {
        try (WebClient browser = new WebClient()) {
            browser.getOptions().setJavaScriptEnabled(false);
            browser.getOptions().setCssEnabled(false);
            HtmlPage login = browser.getPage(authServer.baseUrl() + "/admin/signing-keys");
            login.<HtmlInput>getHtmlElementById("username").type("admin");
            login.<HtmlInput>getHtmlElementById("password").type("admin-password");
            HtmlPage keys = login.getHtmlElementById("sign-in").click();
            HtmlPage rotated = keys.getHtmlElementById("rotate").click();
            assertThat(rotated.getElementById("rotated")).isNotNull();
        }
    }

    private static String serviceToken() throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString(
                "demo-service:demo-service-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(authServer.baseUrl() + "/oauth2/token"))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=books.read"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.read(response.body(), "$.access_token");
    }

    private static int booksStatus(String accessToken) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(resourceServer.baseUrl() + "/api/books"))
                .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static List<String> publishedKids() throws IOException, InterruptedException {
        String jwks = HTTP.send(HttpRequest.newBuilder(URI.create(authServer.baseUrl() + "/oauth2/jwks")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return JsonPath.read(jwks, "$.keys[*].kid");
    }

    private static String kidOf(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))),
                StandardCharsets.UTF_8);
        return JsonPath.read(header, "$.kid");
    }
}
