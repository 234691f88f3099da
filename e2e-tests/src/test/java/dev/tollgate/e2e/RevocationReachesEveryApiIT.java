package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
 * The Shared Signals guarantee on real processes (README "Shared Signals"): one auth server and two instances of the
 * API, each subscribed to its own push stream. Once the auth server has answered a revocation, each API refuses the
 * revoked JWT within a second, though it verified and cached the token before and never asks the auth server about a
 * JWT: a revoked token, a deleted client's token, a disabled user's token, the tokens of a refresh-token family whose
 * refresh token was used twice. Every request a watcher sends is a real call to the API, so the time measured is the
 * time to the first 401 each instance answers.
 * An instance that was down when a token was revoked refuses it once it is back: its stream kept the SET.
 */
class RevocationReachesEveryApiIT {

    private static final Duration GUARANTEE = Duration.ofSeconds(1);

    private static final Duration SUBSCRIBED_WITHIN = Duration.ofSeconds(60);

    private static final String PASSWORD = "Signals-e2e-password-1";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static RunningJar authServer;

    private static final List<RunningJar> apis = new ArrayList<>();

    private static final List<Map<String, String>> apiEnvironments = new ArrayList<>();

    private static final List<Path> apiWorkDirs = new ArrayList<>();

    @BeforeAll
    static void startTheAuthServerAndTwoApis() throws Exception {
        int authPort = FreePorts.next();
        String issuer = "http://localhost:" + authPort;
        String audience = "http://api.tollgate.test";
        authServer = RunningJar.start("auth-server", authPort, Map.of("AUTH_ISSUER", issuer, "API_AUDIENCE", audience));
        for (int instance = 0; instance < 2; instance++) {
            int port = FreePorts.next();
            Map<String, String> environment = Map.of("AUTH_ISSUER", issuer, "API_AUDIENCE", audience,
                    "RECEIVER_URL", "http://localhost:" + port,
                    // a round every second, so that the test waits little for the subscription
                    "SIGNALS_VERIFICATION_INTERVAL", "1s");
            Path workDir = Files.createTempDirectory("tollgate-resource-server");
            apiEnvironments.add(environment);
            apiWorkDirs.add(workDir);
            apis.add(RunningJar.start("resource-server", port, workDir, environment));
        }
        authServer.awaitHealthy();
        for (RunningJar api : apis) {
            api.awaitHealthy();
            awaitPushesArrive(api);
        }
    }

    @AfterAll
    static void stop() {
        apis.forEach(RunningJar::close);
        if (authServer != null) {
            authServer.close();
        }
    }

    @Test
    void aRevokedJwtIsRefusedByEveryApiWithinASecond() throws Exception {
        String token = serviceToken();
        for (RunningJar api : apis) {
            assertThat(booksStatus(api, token)).as("accepted, and cached, before the revocation").isEqualTo(200);
        }

        List<Duration> untilRefused = afterAnswered(() -> revoke(token), token);

        assertThat(untilRefused).as("time from the revocation's answer to each API's first 401")
                .allSatisfy(took -> assertThat(took).isLessThan(GUARANTEE));
    }

    @Test
    void aDeletedClientsJwtIsRefusedByEveryApiWithinASecond() throws Exception {
        String[] client = registerService();
        String token = token(client[0], client[1]);
        for (RunningJar api : apis) {
            assertThat(booksStatus(api, token)).isEqualTo(200);
        }

        List<Duration> untilRefused = afterAnswered(() -> deleteClient(client[0]), token);

        assertThat(untilRefused).allSatisfy(took -> assertThat(took).isLessThan(GUARANTEE));
    }

    @Test
    void aDisabledUsersJwtIsRefusedByEveryApiWithinASecond() throws Exception {
        String admin = adminToken();
        String username = "signals-" + System.nanoTime();
        String userId = createUser(admin, username);
        String token = deviceToken(username);
        for (RunningJar api : apis) {
            assertThat(booksStatus(api, token)).isEqualTo(200);
        }

        List<Duration> untilRefused = afterAnswered(() -> HTTP.send(HttpRequest.newBuilder(
                        URI.create(authServer.baseUrl() + "/scim/v2/Users/" + userId))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/scim+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("""
                        {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations": [{"op": "replace", "value": {"active": false}}]}"""))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode(), token);

        assertThat(untilRefused).allSatisfy(took -> assertThat(took).isLessThan(GUARANTEE));
    }

    @Test
    void anApiThatWasDownWhenATokenWasRevokedRefusesItOnceItIsBack() throws Exception {
        String token = serviceToken();
        RunningJar restarted = apis.get(1);
        assertThat(booksStatus(restarted, token)).isEqualTo(200);
        restarted.close();
        try {
            assertThat(revoke(token)).isEqualTo(200);
            awaitRefused(apis.get(0), token, GUARANTEE.multipliedBy(5));
        }
        finally {
            apis.set(1, RunningJar.start("resource-server", restarted.port(), apiWorkDirs.get(1),
                    apiEnvironments.get(1)));
            apis.get(1).awaitHealthy();
        }

        // its deny list starts empty; its stream, reused, still holds the SET the auth server keeps retrying
        awaitRefused(apis.get(1), token, Duration.ofSeconds(60));
    }

    private static void awaitRefused(RunningJar api, String token, Duration within) throws Exception {
        long giveUp = System.nanoTime() + within.toNanos();
        while (booksStatus(api, token) != 401) {
            assertThat(System.nanoTime() - giveUp).as("refused by " + api.baseUrl() + "; see " + api.log())
                    .isNegative();
            Thread.sleep(50);
        }
    }

    @Test
    void aReusedRefreshTokensFamilyIsRefusedByEveryApiWithinASecond() throws Exception {
        String username = "signals-reuse-" + System.nanoTime();
        createUser(adminToken(), username);
        String first = deviceTokens(username);
        String refreshed = refresh(JsonPath.read(first, "$.refresh_token"));
        String current = JsonPath.read(refreshed, "$.access_token");
        for (RunningJar api : apis) {
            assertThat(booksStatus(api, current)).isEqualTo(200);
        }

        // the first refresh token again: reuse, so the whole family is revoked, the current access token with it
        List<Duration> untilRefused = afterAnswered(() -> {
            HttpResponse<String> reused = refreshResponse(JsonPath.read(first, "$.refresh_token"));
            assertThat(reused.body()).contains("invalid_grant");
            return 200;
        }, current);

        assertThat(untilRefused).allSatisfy(took -> assertThat(took).isLessThan(GUARANTEE));
    }

    @Test
    void anotherTokenOfTheSameClientKeepsWorking() throws Exception {
        String revoked = serviceToken();
        String kept = serviceToken();

        afterAnswered(() -> revoke(revoked), revoked);

        for (RunningJar api : apis) {
            assertThat(booksStatus(api, kept)).isEqualTo(200);
        }
    }

    /**
     * Runs the revocation, then, from the moment it was answered, asks each API with the token until it answers 401
     * (at most a few seconds more than the guarantee, so that a failure shows how late it was).
     */
    private static List<Duration> afterAnswered(Callable<Integer> revocation, String token) throws Exception {
        ExecutorService watchers = Executors.newFixedThreadPool(apis.size());
        try {
            assertThat(revocation.call()).as("the revocation's answer").isBetween(200, 204);
            long answered = System.nanoTime();
            List<Future<Duration>> firstRefusals = new ArrayList<>();
            for (RunningJar api : apis) {
                firstRefusals.add(watchers.submit(() -> {
                    long giveUp = answered + GUARANTEE.multipliedBy(5).toNanos();
                    while (booksStatus(api, token) != 401) {
                        if (System.nanoTime() - giveUp > 0) {
                            return Duration.ofNanos(System.nanoTime() - answered);
                        }
                        Thread.sleep(10);
                    }
                    return Duration.ofNanos(System.nanoTime() - answered);
                }));
            }
            List<Duration> took = new ArrayList<>();
            for (Future<Duration> refusal : firstRefusals) {
                took.add(refusal.get(30, TimeUnit.SECONDS));
            }
            return took;
        }
        finally {
            watchers.shutdownNow();
        }
    }

    /** Pushes arrive once the API's signals health shows push delivery and when it was last in sync. */
    private static void awaitPushesArrive(RunningJar api) throws Exception {
        long giveUp = System.nanoTime() + SUBSCRIBED_WITHIN.toNanos();
        String health = "";
        while (System.nanoTime() - giveUp < 0) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(api.baseUrl() + "/actuator/health/signals")).build(), HttpResponse.BodyHandlers.ofString());
            health = response.body();
            if (response.statusCode() == 200 && health.contains("\"push\"") && health.contains("inSyncAt")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the API at " + api.baseUrl() + " never received a pushed event: " + health
                + "; see " + api.log() + " and " + authServer.log());
    }

    /**
     * The user's access token by the device grant (demo-cli), the user approving in a browser: the device flow needs
     * no redirect URI to listen on.
     */
    private static String deviceToken(String username) throws Exception {
        return JsonPath.read(deviceTokens(username), "$.access_token");
    }

    /** The token response of the device grant (demo-cli) for this user, who approves in a browser. */
    private static String deviceTokens(String username) throws Exception {
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(
                        URI.create(authServer.baseUrl() + "/oauth2/device_authorization"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=demo-cli&scope=books.read"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        try (WebClient browser = new WebClient()) {
            browser.getOptions().setJavaScriptEnabled(false);
            browser.getOptions().setCssEnabled(false);
            HtmlPage login = browser.getPage(JsonPath.<String>read(started.body(), "$.verification_uri_complete"));
            login.<HtmlInput>getHtmlElementById("username").type(username);
            login.<HtmlInput>getHtmlElementById("password").type(PASSWORD);
            HtmlPage consent = login.getHtmlElementById("sign-in").click();
            HtmlPage approved = consent.getHtmlElementById("approve").click();
            assertThat(approved.getUrl().toString()).contains("result=approved");
        }
        String deviceCode = JsonPath.read(started.body(), "$.device_code");
        long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            // RFC 8628 §3.5: not before the interval has passed since the code was issued
            Thread.sleep(Duration.ofSeconds(JsonPath.<Integer>read(started.body(), "$.interval")).toMillis());
            HttpResponse<String> polled = HTTP.send(HttpRequest.newBuilder(URI.create(authServer.baseUrl() + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=urn:ietf:params:oauth:grant-type:device_code"
                            + "&client_id=demo-cli&device_code=" + deviceCode))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (polled.statusCode() == 200) {
                return polled.body();
            }
            assertThat(System.nanoTime() - giveUp).as(polled.body()).isNegative();
        }
    }

    private static String createUser(String adminToken, String username) throws IOException, InterruptedException {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(authServer.baseUrl() + "/scim/v2/Users"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "%s",
                         "password": "%s"}""".formatted(username, PASSWORD)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JsonPath.read(created.body(), "$.id");
    }

    private static String refresh(String refreshToken) throws IOException, InterruptedException {
        HttpResponse<String> response = refreshResponse(refreshToken);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> refreshResponse(String refreshToken) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(authServer.baseUrl() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=demo-cli&refresh_token="
                        + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String serviceToken() throws IOException, InterruptedException {
        return token("demo-service", "demo-service-secret");
    }

    private static String token(String clientId, String secret) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(authServer.baseUrl() + "/oauth2/token"))
                .header("Authorization", basic(clientId, secret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=books.read"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.read(response.body(), "$.access_token");
    }

    private static int revoke(String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(authServer.baseUrl() + "/oauth2/revoke"))
                .header("Authorization", basic("demo-service", "demo-service-secret"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A service registered by an administrator: its id and secret. */
    private static String[] registerService() throws IOException, InterruptedException {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(
                        URI.create(authServer.baseUrl() + "/admin/api/clients"))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"client_name": "Signals test", "grant_types": ["client_credentials"], "scope": "books.read"}"""))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new String[] {JsonPath.read(created.body(), "$.client_id"), JsonPath.read(created.body(), "$.client_secret")};
    }

    private static int deleteClient(String clientId) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(authServer.baseUrl() + "/admin/api/clients/" + clientId))
                .header("Authorization", "Bearer " + adminToken())
                .DELETE().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String adminToken() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(authServer.baseUrl() + "/oauth2/token"))
                .header("Authorization", basic("demo-admin", "demo-admin-secret"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=tollgate.admin"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.read(response.body(), "$.access_token");
    }

    private static int booksStatus(RunningJar api, String accessToken) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/books"))
                .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
