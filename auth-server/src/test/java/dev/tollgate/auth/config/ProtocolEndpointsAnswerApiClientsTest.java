package dev.tollgate.auth.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.Pkce;

/**
 * The token, introspection, revocation and userinfo endpoints are called by programs, which send
 * {@code Accept: *}{@code /*} (curl's default) or nothing: a request without credentials gets the OAuth error with
 * its {@code WWW-Authenticate} challenge, never a redirect to the login page meant for people.
 */
@AuthServerTest
class ProtocolEndpointsAnswerApiClientsTest extends HttpTest {

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @ParameterizedTest(name = "POST {0}")
    @ValueSource(strings = {"/oauth2/token", "/oauth2/introspect", "/oauth2/revoke"})
    void aClientEndpointWithoutClientCredentialsAnswersInvalidClient(String path) throws Exception {
        for (String accept : new String[] {"*/*", null}) {
            HttpResponse<String> reply = send(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&token=abc")), accept);

            assertThat(reply.statusCode()).as(accept + ": " + reply.body()).isEqualTo(401);
            assertThat(reply.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic");
            assertThat(reply.body()).contains("\"error\":\"invalid_client\"");
        }
    }

    @ParameterizedTest(name = "{0} /userinfo")
    @ValueSource(strings = {"GET", "POST"})
    void userinfoWithoutATokenAnswersABearerChallenge(String method) throws Exception {
        for (String accept : new String[] {"*/*", null}) {
            HttpResponse<String> reply = send(HttpRequest.newBuilder(uri("/userinfo"))
                    .method(method, HttpRequest.BodyPublishers.noBody()), accept);

            assertThat(reply.statusCode()).as(accept + ": " + reply.body()).isEqualTo(401);
            assertThat(reply.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
        }
    }

    @Test
    void userinfoWithAnUnknownTokenAnswersInvalidToken() throws Exception {
        HttpResponse<String> reply = send(HttpRequest.newBuilder(uri("/userinfo"))
                .header("Authorization", "Bearer not-a-token").GET(), "*/*");

        assertThat(reply.statusCode()).isEqualTo(401);
        assertThat(reply.headers().firstValue("WWW-Authenticate")).get().asString()
                .startsWith("Bearer").contains("error=\"invalid_token\"");
    }

    @Test
    void userinfoWithATokenWithoutOpenidAnswersInsufficientScopeWithAChallenge() throws Exception {
        String token = new Grants(http)
                .aliceTokens(Client.DEMO_WEB, "books.read").field("access_token");

        HttpResponse<String> reply = send(HttpRequest.newBuilder(uri("/userinfo"))
                .header("Authorization", "Bearer " + token).GET(), "*/*");

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(403);
        assertThat(reply.headers().firstValue("WWW-Authenticate")).as("RFC 6750 §3").get().asString()
                .startsWith("Bearer").contains("error=\"insufficient_scope\"");
        assertThat(reply.body()).contains("insufficient_scope");
    }

    @Test
    void theAuthorizationEndpointStillSendsABrowserToTheLoginPage() throws Exception {
        HttpResponse<String> reply = send(HttpRequest.newBuilder(uri(Browser.authorizePath(
                "demo-web", AuthServerTest.DEMO_WEB_REDIRECT_URI, "openid", "b1",
                Pkce.create()))).GET(), "text/html,application/xhtml+xml,*/*;q=0.8");

        assertThat(reply.statusCode()).isEqualTo(302);
        assertThat(reply.headers().firstValue("Location")).get().asString().endsWith("/login");
    }

    private URI uri(String path) {
        return URI.create(http.baseUrl() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String accept)
            throws IOException, InterruptedException {
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
