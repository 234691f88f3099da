package dev.tollgate.auth.admin.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.tollgate.auth.support.AdminHttp;
import dev.tollgate.auth.support.AdminHttp.Reply;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.Grants.Code;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.testsupport.TestClock;

/**
 * What a person and the clients do over HTTP, read back from {@code GET /admin/api/events} with demo-admin's
 * {@code tollgate.admin} token: who, which client, where from, never a secret; filtered, paged, newest first,
 * listed within 5 seconds.
 */
@AuthServerTest
class SecurityEventsEndpointTest extends HttpTest {

    private static final Duration LISTED_WITHIN = Duration.ofSeconds(5);

    private static final String WRONG_PASSWORD = "not-alices-password";

    @Autowired
    UserRepository users;

    @Autowired
    TestClock clock;

    AdminHttp admin;

    Grants grants;

    String alice;

    String since;

    @BeforeEach
    void setUp() {
        admin = AdminHttp.asDemoAdmin(http);
        grants = new Grants(http);
        alice = users.findByUsername("alice").orElseThrow().id().toString();
        since = DateTimeFormatter.ISO_INSTANT.format(clock.instant());
    }

    @Test
    void signInsTokensACodeReplayAndSignOutAreListedForTheUserWithoutAnySecret() throws Exception {
        OAuthHttp.Reply replay;
        Code code;
        OAuthHttp.Reply exchanged;
        try (Browser browser = new Browser(http.baseUrl())) {
            Pkce pkce = Pkce.create();
            HtmlPage login = browser.open(Browser.authorizePath(Client.DEMO_WEB.id(), Client.DEMO_WEB.redirectUri(),
                    "openid books.read", "st", pkce));
            HtmlPage again = browser.signIn(login, "alice", WRONG_PASSWORD);
            HtmlPage consent = browser.signIn(again, "alice", "alice-password");
            if (browser.callback() == null) {
                browser.click(consent, "approve");
            }
            code = new Code(Client.DEMO_WEB, browser.callbackParameters().get("code"), pkce);
            exchanged = grants.exchange(code);
            replay = grants.exchange(code);
            browser.click(browser.open("/logout"), "sign-out");
        }
        assertThat(exchanged.status()).isEqualTo(200);
        assertThat(replay.field("error")).isEqualTo("invalid_grant");

        List<JsonNode> listed = await("?user=" + alice + "&since=" + since + "&size=100",
                containingTypes("SIGN_IN_FAILED", "SIGN_IN", "TOKEN_ISSUED", "AUTHORIZATION_CODE_REPLAYED", "SIGN_OUT"));

        assertThat(listed).extracting(event -> event.path("type").asString()).containsSubsequence("SIGN_OUT",
                "AUTHORIZATION_CODE_REPLAYED", "TOKEN_ISSUED", "SIGN_IN", "SIGN_IN_FAILED");
        assertThat(listed).allSatisfy(event -> {
            assertThat(event.path("user").asString()).isEqualTo(alice);
            assertThat(Instant.parse(event.path("time").asString())).isAfterOrEqualTo(Instant.parse(since));
            assertThat(event.path("time").asString()).endsWith("Z");
            assertThat(event.path("id").isNumber()).isTrue();
            assertThat(event.path("details").isObject()).isTrue();
        });
        JsonNode failed = only(listed, "SIGN_IN_FAILED");
        assertThat(failed.path("address").asString()).isEqualTo("127.0.0.1");
        assertThat(failed.path("details").path("reason").asString()).isEqualTo("bad_credentials");
        JsonNode issued = only(listed, "TOKEN_ISSUED");
        JsonNode replayed = only(listed, "AUTHORIZATION_CODE_REPLAYED");
        assertThat(issued.path("client").asString()).isEqualTo("demo-web");
        assertThat(issued.path("address").asString()).as("the token request's").isEqualTo("127.0.0.1");
        assertThat(issued.path("details").path("grant_type").asString()).isEqualTo("authorization_code");
        assertThat(issued.path("details").path("scope").asString()).isEqualTo("books.read openid");
        assertThat(issued.path("details").path("authorization_id").asString()).isNotEmpty()
                .isEqualTo(replayed.path("details").path("authorization_id").asString());
        assertThat(listed.toString()).doesNotContain(WRONG_PASSWORD, "alice-password", code.value(),
                exchanged.field("access_token"), exchanged.field("refresh_token"), exchanged.field("id_token"));
    }

    @Test
    void revocationsAndClientTokensAreListedByClientAndType() throws Exception {
        OAuthHttp.Reply userTokens = grants.aliceTokens(Client.DEMO_WEB, "books.read");
        assertThat(grants.revoke(Client.DEMO_WEB, userTokens.field("refresh_token")).status()).isEqualTo(200);
        OAuthHttp.Reply service = http.clientCredentials("demo-service", "demo-service-secret", "books.read");

        JsonNode revoked = await("?type=TOKEN_REVOKED&client=demo-web&since=" + since, found -> !found.isEmpty())
                .get(0);
        JsonNode issued = await("?type=TOKEN_ISSUED&client=demo-service&since=" + since, found -> !found.isEmpty())
                .get(0);

        assertThat(revoked.path("user").asString()).isEqualTo(alice);
        assertThat(issued.path("user").isNull()).as("a client's own token").isTrue();
        assertThat(issued.path("details").path("grant_type").asString()).isEqualTo("client_credentials");
        assertThat(issued.path("address").asString()).isEqualTo("127.0.0.1");
        assertThat(revoked.toString() + issued).doesNotContain(userTokens.field("refresh_token"),
                service.field("access_token"), "demo-service-secret");
    }

    @Test
    void pagesAreNewestFirstAndCountTheMatches() {
        for (int i = 0; i < 5; i++) {
            http.clientCredentials("demo-service", "demo-service-secret", null);
        }
        String filter = "?type=TOKEN_ISSUED&client=demo-service&since=" + since;
        await(filter, found -> found.size() >= 5);

        Reply first = admin.get("/admin/api/events" + filter + "&size=2");
        Reply last = admin.get("/admin/api/events" + filter + "&size=2&page=2");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("page").path("size").asInt()).isEqualTo(2);
        assertThat(first.json().path("page").path("number").asInt()).isZero();
        assertThat(first.json().path("page").path("totalElements").asLong()).isEqualTo(5);
        assertThat(first.json().path("page").path("totalPages").asInt()).isEqualTo(3);
        assertThat(last.json().path("content")).hasSize(1);
        List<Instant> times = new ArrayList<>();
        first.json().path("content").forEach(event -> times.add(Instant.parse(event.path("time").asString())));
        last.json().path("content").forEach(event -> times.add(Instant.parse(event.path("time").asString())));
        assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
        String newest = first.json().path("content").get(0).path("time").asString();
        assertThat(admin.get("/admin/api/events" + filter.replace("since=" + since, "since=" + newest))
                .json().path("content")).as("since is inclusive").isNotEmpty();
        assertThat(admin.get("/admin/api/events" + filter + "&until=" + newest).json().path("page")
                .path("totalElements").asLong()).as("until is exclusive").isLessThan(5);
        assertThat(admin.get("/admin/api/events" + filter + "&user=" + alice).json().path("page")
                .path("totalElements").asLong()).as("user").isZero();
    }

    @Test
    void badFiltersAre400ProblemsNamingTheParameter() {
        assertProblem(admin.get("/admin/api/events?type=NO_SUCH_EVENT"), "'type'");
        assertProblem(admin.get("/admin/api/events?since=yesterday"), "'since'");
        assertProblem(admin.get("/admin/api/events?until=2026-13-01T00:00:00Z"), "'until'");
        assertProblem(admin.get("/admin/api/events?size=101"), "'size'");
        assertProblem(admin.get("/admin/api/events?size=0"), "'size'");
        assertProblem(admin.get("/admin/api/events?page=-1"), "'page'");
        assertProblem(admin.get("/admin/api/events?page=x"), "'page'");
        assertProblem(admin.get("/admin/api/events?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z"),
                "'since'");
    }

    @Test
    void theTrailNeedsATokenWithTheAdminScope() {
        Reply anonymous = AdminHttp.withoutToken(http).get("/admin/api/events");
        String serviceToken = http.clientCredentials("demo-service", "demo-service-secret", "books.read")
                .field("access_token");
        Reply withoutScope = AdminHttp.withToken(http, serviceToken).get("/admin/api/events");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(withoutScope.status()).isEqualTo(403);
        assertThat(withoutScope.body()).doesNotContain("SIGN_IN");
    }

    private static void assertProblem(Reply reply, String parameter) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("detail").asString()).as(reply.toString()).contains(parameter);
    }

    /** The listed events once {@code complete} holds for them; fails after the 5 seconds the README promises. */
    private List<JsonNode> await(String query, Predicate<List<JsonNode>> complete) {
        long deadline = System.nanoTime() + LISTED_WITHIN.toNanos();
        while (true) {
            Reply reply = admin.get("/admin/api/events" + query);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            List<JsonNode> found = new ArrayList<>();
            reply.json().path("content").forEach(found::add);
            if (complete.test(found)) {
                return found;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not listed within " + LISTED_WITHIN + ": " + query + "; found " + found);
            }
            // the writer flushes every 250 ms: ask again a little later rather than keep the server busy
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private static Predicate<List<JsonNode>> containingTypes(String... types) {
        return found -> List.of(types).stream()
                .allMatch(type -> found.stream().anyMatch(event -> type.equals(event.path("type").asString())));
    }

    private static JsonNode only(List<JsonNode> events, String type) {
        List<JsonNode> ofType = events.stream().filter(event -> type.equals(event.path("type").asString())).toList();
        assertThat(ofType).as(type).hasSize(1);
        return ofType.get(0);
    }
}
