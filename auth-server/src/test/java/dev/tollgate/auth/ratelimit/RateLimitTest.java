package dev.tollgate.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;


import dev.tollgate.auth.client.TollgateClientSettings;
import dev.tollgate.auth.secret.SecretDigest;
import dev.tollgate.auth.support.ClientAddresses;
import dev.tollgate.auth.support.HardenedAuthServerTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.OAuthHttp;

/**
 * Bursts over the limits of application-hardened.yml: 5 per client, 20 per address, 12 sign-ins per address, 40
 * introspections per client.
 */
@HardenedAuthServerTest
class RateLimitTest {

    @LocalServerPort
    int port;

    @Autowired
    RegisteredClientRepository clients;

    @Test
    void aClientBurstingOverItsLimitGets429WithRetryAfterAndAnOAuthErrorWhileOtherClientsGoOn() {
        for (int request = 0; request < 5; request++) {
            Reply token = new OAuthHttp(port, ClientAddresses.next())
                    .clientCredentials("demo-service", "demo-service-secret", null);
            assertThat(token.status()).as(token.toString()).isEqualTo(200);
        }
        Reply refused = new OAuthHttp(port, ClientAddresses.next())
                .clientCredentials("demo-service", "demo-service-secret", null);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.retryAfter())).isBetween(1L, 60L);
        assertThat(refused.contentType()).startsWith("application/json");
        assertThat(refused.field("error")).isEqualTo("temporarily_unavailable");

        Reply otherClient = new OAuthHttp(port, ClientAddresses.next())
                .clientCredentials("demo-service-opaque", "demo-service-opaque-secret", null);
        assertThat(otherClient.status()).as(otherClient.toString()).isEqualTo(200);
    }

    @Test
    void nobodyCanUseUpAnotherClientsBudgetWithoutItsSecret() {
        for (int request = 0; request < 10; request++) {
            assertThat(new OAuthHttp(port, ClientAddresses.next())
                    .clientCredentials("demo-service-opaque", "a-guess", null).status()).isEqualTo(401);
        }
        Reply owner = new OAuthHttp(port, ClientAddresses.next())
                .clientCredentials("demo-service-opaque", "demo-service-opaque-secret", null);
        assertThat(owner.status()).as(owner.toString()).isEqualTo(200);
    }

    @Test
    void oneAddressOverItsLimitOnTheProtocolEndpointsGets429AndOtherAddressesDoNot() {
        OAuthHttp guesser = new OAuthHttp(port, ClientAddresses.next());
        for (int request = 0; request < 20; request++) {
            String path = request % 2 == 0 ? "/oauth2/introspect" : "/oauth2/revoke";
            assertThat(guesser.post(path, "resource-server", "guess-" + request, Map.of("token", "x")).status())
                    .isEqualTo(401);
        }
        Reply refused = guesser.post("/oauth2/token", "resource-server", "resource-server-secret",
                Map.of("grant_type", "client_credentials"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.retryAfter()).isNotBlank();
        assertThat(refused.field("error")).isEqualTo("temporarily_unavailable");

        Reply elsewhere = new OAuthHttp(port, ClientAddresses.next()).introspect("x");
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(200);
    }

    @Test
    void introspectionByAnAuthenticatedClientDoesNotCountAgainstItsAddressOrItsTokenEndpointBudget() {
        OAuthHttp resourceServer = new OAuthHttp(port, ClientAddresses.next());
        for (int request = 0; request < 30; request++) {
            Reply introspected = resourceServer.introspect("x");
            assertThat(introspected.status()).as("introspection %d: %s", request, introspected).isEqualTo(200);
        }

        // a failed revocation is counted against the address: the address still has budget left
        Reply sameAddress = resourceServer.post("/oauth2/revoke", "resource-server", "a-guess", Map.of("token", "x"));
        assertThat(sameAddress.status()).as(sameAddress.toString()).isEqualTo(401);
    }

    @Test
    void aRunawayIntrospectingClientIsStillCappedByItsOwnIntrospectionBudget() {
        registerAnotherApi("runaway-api", "runaway-api-secret");
        OAuthHttp runaway = new OAuthHttp(port, ClientAddresses.next());
        // the bucket refills a little while the test runs (40 per minute): the first 40 pass, and a refusal follows
        List<Reply> answers = new ArrayList<>();
        Reply refused = null;
        while (refused == null && answers.size() < 80) {
            Reply answer = runaway.post("/oauth2/introspect", "runaway-api", "runaway-api-secret", Map.of("token", "x"));
            answers.add(answer);
            refused = answer.status() == 200 ? null : answer;
        }

        assertThat(answers.subList(0, 40)).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
        assertThat(refused).as("refused within 80 introspections").isNotNull();
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.retryAfter()).isNotBlank();
        assertThat(refused.field("error")).isEqualTo("temporarily_unavailable");
    }

    @Test
    void pushedAuthorizationRequestsCountAgainstTheClientsLimit() {
        OAuthHttp demoWeb = new OAuthHttp(port, ClientAddresses.next());
        Map<String, String> form = Map.of("client_id", "demo-web", "response_type", "code", "redirect_uri",
                "http://localhost:8081/login/oauth2/code/tollgate", "scope", "openid", "code_challenge",
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method", "S256");
        for (int request = 0; request < 5; request++) {
            Reply pushed = demoWeb.post("/oauth2/par", "demo-web", "demo-web-secret", form);
            assertThat(pushed.status()).as(pushed.toString()).isEqualTo(201);
        }
        Reply refused = demoWeb.post("/oauth2/par", "demo-web", "demo-web-secret", form);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.field("error")).isEqualTo("temporarily_unavailable");
    }

    @Test
    void theClientRegistrationEndpointsCountAgainstTheAddressLimit() {
        OAuthHttp registrar = new OAuthHttp(port, ClientAddresses.next());
        for (int request = 0; request < 20; request++) {
            String path = request % 2 == 0 ? "/connect/register" : "/oauth2/register";
            assertThat(registrar.postJson(path, null, "{}").status()).isEqualTo(401);
        }
        Reply refused = registrar.getWithBearer("/connect/register?client_id=any", "a-guess");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.field("error")).isEqualTo("temporarily_unavailable");
    }

    @Test
    void signInPostsOverTheLimitGet429WithRetryAfter() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String address = ClientAddresses.next();
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("X-Forwarded-For", address)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=x&password=y"))
                .build();
        for (int request = 0; request < 12; request++) {
            assertThat(http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        }
        HttpResponse<String> refused = http.send(post, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("Too many sign-in attempts");
    }

    /** A second resource server, registered as an operator would: it may introspect and do nothing else. */
    private void registerAnotherApi(String clientId, String secret) {
        clients.save(RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientSecret(SecretDigest.stored(secret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(TollgateClientSettings.INTROSPECTION_ONLY)
                .clientSettings(ClientSettings.builder().setting(TollgateClientSettings.INTROSPECTION_ALLOWED, true).build())
                .build());
    }

    @Test
    void accountLinkPasswordPostsShareTheSignInBudget() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String address = ClientAddresses.next();
        for (int request = 0; request < 12; request++) {
            String path = request % 2 == 0 ? "/login" : "/login/link";
            assertThat(http.send(formPost(path, address), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as(path).isEqualTo(403);
        }
        HttpResponse<String> refused = http.send(formPost("/login/link", address), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("Too many sign-in attempts");
        assertThat(http.send(formPost("/login", address), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(429);
    }

    private HttpRequest formPost(String path, String address) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-Forwarded-For", address)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=x&password=y"))
                .build();
    }
}
