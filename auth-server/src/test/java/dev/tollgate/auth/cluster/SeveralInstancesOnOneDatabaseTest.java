package dev.tollgate.auth.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;

import dev.tollgate.auth.AuthServerApplication;
import dev.tollgate.auth.authorization.ExpiredAuthorizationCleanup;
import dev.tollgate.auth.registration.RegisteredClients;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.OAuthHttp;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.testsupport.EmbeddedPostgres;
import dev.tollgate.testsupport.TestClock;

/**
 * Tollgate scales out like Keycloak or Hydra: instances keep no state of their own, so a browser and clients
 * whose requests land on any instance, even one that goes away mid-flow, see one authorization server.
 */
class SeveralInstancesOnOneDatabaseTest {

    private static final String DATABASE = "auth_cluster_test";

    private static final String REDIRECT_URI = AuthServerTest.DEMO_WEB_REDIRECT_URI;

    private static final int MAX_FAILURES_PER_ACCOUNT = 3;

    private static ConfigurableApplicationContext first;

    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() {
        first = start();
        second = start();
    }

    @AfterAll
    static void stopThem() {
        second.close();
        first.close();
    }

    @Test
    void aBrowserBouncingBetweenInstancesSignsInAndItsTokensWorkOnEither() throws Exception {
        Pkce pkce = Pkce.create();
        Map<String, String> callback;
        try (LoadBalancedBrowser browser = new LoadBalancedBrowser(List.of(port(first), port(second)))) {
            HtmlPage login = browser.open(Browser.authorizePath("demo-web", REDIRECT_URI, "openid profile books.read",
                    "s1", pkce));
            HtmlPage consent = browser.signIn(login, "alice", "alice-password");
            browser.click(consent, "approve");
            callback = browser.callbackParameters();
            assertThat(browser.servedBy()).as("requests served per instance").hasSize(2)
                    .allSatisfy((port, requests) -> assertThat(requests).isGreaterThanOrEqualTo(2));
        }
        assertThat(callback).containsEntry("state", "s1").containsEntry("iss", AuthServerTest.ISSUER);
        assertThat(count("spring_session")).as("the sign-in session lives in the database").isPositive();

        Reply tokens = exchange(http(first), callback.get("code"), pkce);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);

        Reply refreshed = refresh(http(second), tokens.field("refresh_token"));
        assertThat(refreshed.status()).as("refresh on the other instance: " + refreshed).isEqualTo(200);
        assertThat(http(first).getWithBearer("/userinfo", refreshed.field("access_token")).field("preferred_username"))
                .isEqualTo("alice");
        assertThat(refresh(http(first), tokens.field("refresh_token")).field("error"))
                .as("the rotated-out refresh token is known to every instance").isEqualTo("invalid_grant");
        assertThat(http(second).introspect(refreshed.field("access_token")).field("active"))
                .as("the replay revoked the family everywhere").isEqualTo("false");
    }

    @Test
    void aCodeSentToBothInstancesAtOnceIsRedeemedOnce() throws Exception {
        Pkce pkce = Pkce.create();
        String code;
        try (Browser browser = new Browser(http(first).baseUrl())) {
            HtmlPage login = browser.open(Browser.authorizePath("demo-web", REDIRECT_URI, "openid books.read", "s3",
                    pkce));
            HtmlPage page = browser.signIn(login, "alice", "alice-password");
            if (browser.callback() == null) {
                browser.click(page, "approve");
            }
            code = browser.callbackParameters().get("code");
        }

        List<Reply> replies = Concurrently.times(8,
                () -> exchange(http(ThreadLocalRandom.current().nextBoolean() ? first : second), code, pkce));

        List<Reply> issued = replies.stream().filter(reply -> reply.status() == 200).toList();
        assertThat(issued).as("successful redemptions among %s", replies).hasSize(1);
        assertThat(http(second).introspect(issued.get(0).field("access_token")).field("active"))
                .as("the replays revoked what the code gave").isEqualTo("false");
    }

    @Test
    void theSessionCookieOfOneInstanceIsRecognisedByTheOther() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> onFirst = client.send(HttpRequest.newBuilder(
                URI.create(http(first).baseUrl() + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        String setCookie = onFirst.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("TOLLGATE_SESSION=").contains("HttpOnly").contains("SameSite=Lax");

        HttpResponse<String> onSecond = client.send(HttpRequest.newBuilder(
                        URI.create(http(second).baseUrl() + "/login"))
                .header("Cookie", setCookie.substring(0, setCookie.indexOf(';'))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(onSecond.statusCode()).isEqualTo(200);
        assertThat(onSecond.headers().firstValue("Set-Cookie")).as("no new session: the second knows this one")
                .isEmpty();
    }

    @Test
    void failedSignInsOnOneInstanceLockTheAccountOnTheOther() throws Exception {
        UserRepository users = first.getBean(UserRepository.class);
        String hash = first.getBean(PasswordEncoder.class).encode("carol-password");
        users.upsertByUsername(new TollgateUser(UUID.randomUUID(), "carol", hash, "carol@example.com", true, "Carol",
                true, new TreeSet<>(List.of("USER"))));
        for (int attempt = 0; attempt < MAX_FAILURES_PER_ACCOUNT; attempt++) {
            try (Browser browser = new Browser(http(first).baseUrl())) {
                browser.signIn(browser.open("/login"), "carol", "guess-" + attempt);
            }
        }
        try (Browser browser = new Browser(http(second).baseUrl())) {
            HtmlPage refused = browser.signIn(browser.open("/login"), "carol", "carol-password");
            assertThat(refused.asNormalizedText()).as("the right password, on the other instance")
                    .contains("Too many failed sign-ins");
        }
    }

    @Test
    void everyInstancePublishesTheSameKeysAndAcceptsTheOthersTokens() {
        String jwks = http(first).get("/oauth2/jwks").body();
        assertThat(http(second).get("/oauth2/jwks").body()).isEqualTo(jwks);

        String token = http(first).clientCredentials("demo-service-opaque", "demo-service-opaque-secret", null)
                .field("access_token");
        assertThat(http(second).introspect(token).field("active")).isEqualTo("true");
        http(second).post("/oauth2/revoke", "demo-service-opaque", "demo-service-opaque-secret",
                Map.of("token", token));
        assertThat(http(first).introspect(token).field("active")).isEqualTo("false");
    }

    @Test
    void aReplacedSecretOrARemovedClientStopsWorkingOnTheOtherInstanceToo() {
        RegisteredClients onFirst = first.getBean(RegisteredClients.class);
        RegisteredClients.Change created = onFirst.create(OAuth2ClientRegistration.builder()
                .grantType("client_credentials").scope("books.read").build(), "test");
        String clientId = created.client().getClientId();
        assertThat(http(second).clientCredentials(clientId, created.secret(), null).status())
                .as("the second instance now has the client cached").isEqualTo(200);

        String rotated = onFirst.rotateSecret(clientId, "test").orElseThrow();

        assertThat(statusOnceChanged(() -> http(second).clientCredentials(clientId, created.secret(), null).status()))
                .as("the old secret on the other instance").isEqualTo(401);
        assertThat(http(second).clientCredentials(clientId, rotated, null).status()).isEqualTo(200);

        assertThat(onFirst.remove(clientId, "test")).isTrue();

        assertThat(statusOnceChanged(() -> http(second).clientCredentials(clientId, rotated, null).status()))
                .as("the removed client on the other instance").isEqualTo(401);
    }

    // PostgreSQL hands the notification to the other instance a few milliseconds after the commit: far below the
    // 30 s cache TTL the instance would otherwise serve the old client for
    private static int statusOnceChanged(java.util.function.IntSupplier status) {
        Instant deadline = Instant.now().plusSeconds(2);
        int last = status.getAsInt();
        while (last == 200 && Instant.now().isBefore(deadline)) {
            last = status.getAsInt();
        }
        return last;
    }

    @Test
    void sidAuthTimePromptsAndLogoutHoldWhicheverInstanceAnswers() throws Exception {
        try (LoadBalancedBrowser browser = new LoadBalancedBrowser(List.of(port(first), port(second)))) {
            Pkce pkce = Pkce.create();
            HtmlPage page = browser.open(authorizePath(pkce, "s1", ""));
            page = browser.signIn(page, "alice", "alice-password");
            if (browser.callback() == null) {
                browser.click(page, "approve");
            }
            Map<String, Object> signedIn = idToken(exchange(http(first), browser.callbackParameters().get("code"), pkce));

            Pkce silent = Pkce.create();
            browser.open(authorizePath(silent, "s2", "&prompt=none"));
            Map<String, Object> silently = idToken(exchange(http(second), browser.callbackParameters().get("code"),
                    silent));
            assertThat(silently.get("sid")).as("one browser session, one sid, on either instance")
                    .isEqualTo(signedIn.get("sid"));
            assertThat(silently.get("auth_time")).isEqualTo(signedIn.get("auth_time"));

            // the new sign-in's auth_time must be a later second, whichever instance stamps it
            clocks().forEach(clock -> clock.advance(Duration.ofSeconds(2)));
            Pkce again = Pkce.create();
            HtmlPage login = browser.open(authorizePath(again, "s3", "&prompt=login"));
            assertThat(login.getElementById("login-form")).as("prompt=login asks again").isNotNull();
            browser.signIn(login, "alice", "alice-password");
            assertThat(browser.callbackParameters()).as("and the new sign-in answers it, whichever instance sees it")
                    .containsEntry("state", "s3").containsKey("code");
            Reply fresh = exchange(http(first), browser.callbackParameters().get("code"), again);
            assertThat((Long) idToken(fresh).get("auth_time")).isGreaterThan((Long) signedIn.get("auth_time"));

            browser.open("/connect/logout?post_logout_redirect_uri=http://localhost:8081/&state=bye&id_token_hint="
                    + fresh.field("id_token"));
            assertThat(browser.callbackParameters()).as("RP-initiated logout").containsEntry("state", "bye");
        }
    }

    private static String authorizePath(Pkce pkce, String state, String extra) {
        return Browser.authorizePath("demo-web", REDIRECT_URI, "openid profile", state, pkce) + extra;
    }

    private static Map<String, Object> idToken(Reply tokens) throws java.text.ParseException {
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        return com.nimbusds.jwt.SignedJWT.parse(tokens.field("id_token")).getJWTClaimsSet().toJSONObject();
    }

    @Test
    void aScheduledJobRunsOnOneInstanceAtATime() {
        LockConfiguration job = new LockConfiguration(Instant.now(), "cluster-test-job", Duration.ofMinutes(1),
                Duration.ZERO);
        Optional<SimpleLock> onFirst = first.getBean(LockProvider.class).lock(job);
        assertThat(onFirst).as("the first instance takes the job").isPresent();
        assertThat(second.getBean(LockProvider.class).lock(job)).as("the second one skips it").isEmpty();

        onFirst.get().unlock();
        Optional<SimpleLock> onSecond = second.getBean(LockProvider.class).lock(job);
        assertThat(onSecond).as("free again once the first is done").isPresent();
        onSecond.get().unlock();

        second.getBean(ExpiredAuthorizationCleanup.class).scheduledCleanup();
        assertThat(first.getBean(JdbcClient.class)
                .sql("SELECT count(*) FROM shedlock WHERE name = 'expired-authorization-cleanup'")
                .query(Long.class).single()).as("the real cleanup job went through the lock").isOne();
    }

    @Test
    void anInstanceThatStopsMidFlowFinishesItsRequestsAndTheSurvivorCarriesOn() throws Exception {
        ConfigurableApplicationContext doomed = start(
                new SpringApplicationBuilder(AuthServerApplication.class, SlowRequest.class));
        int doomedPort = port(doomed);
        Pkce pkce = Pkce.create();
        try (LoadBalancedBrowser browser = new LoadBalancedBrowser(List.of(doomedPort, port(second)))) {
            HtmlPage login = browser.open(Browser.authorizePath("demo-web", REDIRECT_URI, "openid books.read", "s2",
                    pkce));
            HtmlPage consent = browser.signIn(login, "admin", "admin-password");
            assertThat(browser.servedBy()).containsKeys(doomedPort, port(second));

            CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + doomedPort + SlowRequest.PATH)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(SlowRequest.STARTED.await(10, TimeUnit.SECONDS)).isTrue();
            doomed.close();
            assertThat(inFlight.get(5, TimeUnit.SECONDS).body()).as("graceful shutdown").isEqualTo("finished");
            assertThatThrownBy(() -> new OAuthHttp(doomedPort).get("/actuator/health"))
                    .as("the instance is gone").hasRootCauseInstanceOf(IOException.class);

            browser.click(consent, "approve");
            Map<String, String> callback = browser.callbackParameters();
            assertThat(callback).containsEntry("state", "s2").containsKey("code");

            Reply tokens = exchange(http(second), callback.get("code"), pkce);
            assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
            assertThat(refresh(http(second), tokens.field("refresh_token")).status()).isEqualTo(200);
        }
    }

    private static ConfigurableApplicationContext start(String... arguments) {
        return start(new SpringApplicationBuilder(AuthServerApplication.class, TestClock.Config.class), arguments);
    }

    private static ConfigurableApplicationContext start(SpringApplicationBuilder application, String... arguments) {
        List<String> all = new ArrayList<>(List.of("--server.port=0",
                "--tollgate.login.max-failures-per-account=" + MAX_FAILURES_PER_ACCOUNT));
        all.addAll(List.of(EmbeddedPostgres.argumentsFor(DATABASE)));
        all.addAll(List.of(arguments));
        return application.profiles("demo", "test").run(all.toArray(String[]::new));
    }

    private static List<TestClock> clocks() {
        return List.of(first.getBean(TestClock.class), second.getBean(TestClock.class));
    }

    private static long count(String table) {
        return first.getBean(JdbcClient.class).sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private static int port(ConfigurableApplicationContext instance) {
        return ((WebServerApplicationContext) instance).getWebServer().getPort();
    }

    private static OAuthHttp http(ConfigurableApplicationContext instance) {
        return new OAuthHttp(port(instance));
    }

    private static Reply exchange(OAuthHttp http, String code, Pkce pkce) {
        return http.post("/oauth2/token", "demo-web", "demo-web-secret", Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT_URI, "code_verifier", pkce.verifier()));
    }

    private static Reply refresh(OAuthHttp http, String refreshToken) {
        return http.post("/oauth2/token", "demo-web", "demo-web-secret",
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }
}
