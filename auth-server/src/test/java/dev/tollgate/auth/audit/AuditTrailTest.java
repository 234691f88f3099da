package dev.tollgate.auth.audit;

import static dev.tollgate.auth.audit.StoredEventsProbe.containingTypes;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.Grants.Code;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.testsupport.TestClock;

/** What a person and the clients do over HTTP ends up in the audit trail, with who, which client and where from. */
@AuthServerTest
class AuditTrailTest extends HttpTest {

    private static final String WRONG_PASSWORD = "not-alices-password";

    @Autowired
    StoredSecurityEvents events;

    @Autowired
    UserRepository users;

    @Autowired
    TestClock clock;

    StoredEventsProbe trail;

    Grants grants;

    String alice;

    Instant since;

    @BeforeEach
    void setUp() {
        trail = new StoredEventsProbe(events);
        grants = new Grants(http);
        alice = users.findByUsername("alice").orElseThrow().id().toString();
        since = clock.instant();
    }

    @Test
    void signInsTokensReplaysAndSignOutsAreRecordedForTheUserWithoutAnySecret() throws Exception {
        Reply tokens;
        Reply replay;
        Code code;
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
            tokens = grants.exchange(code);
            replay = grants.exchange(code);
            browser.click(browser.open("/logout"), "sign-out");
        }
        assertThat(tokens.status()).isEqualTo(200);
        assertThat(replay.field("error")).isEqualTo("invalid_grant");

        List<RecordedEvent> recorded = trail.await(new EventQuery(null, alice, null, since, null),
                containingTypes(SecurityEventType.SIGN_IN_FAILED, SecurityEventType.SIGN_IN,
                        SecurityEventType.TOKEN_ISSUED, SecurityEventType.AUTHORIZATION_CODE_REPLAYED,
                        SecurityEventType.SIGN_OUT));

        assertThat(recorded).extracting(RecordedEvent::type).containsSubsequence(SecurityEventType.SIGN_OUT,
                SecurityEventType.AUTHORIZATION_CODE_REPLAYED, SecurityEventType.TOKEN_ISSUED,
                SecurityEventType.SIGN_IN, SecurityEventType.SIGN_IN_FAILED);
        RecordedEvent failed = only(recorded, SecurityEventType.SIGN_IN_FAILED);
        assertThat(failed.address()).isEqualTo("127.0.0.1");
        assertThat(failed.details()).containsEntry("reason", "bad_credentials").containsEntry("method", "password");
        assertThat(only(recorded, SecurityEventType.SIGN_IN).details()).containsEntry("method", "password");
        RecordedEvent issued = only(recorded, SecurityEventType.TOKEN_ISSUED);
        RecordedEvent replayed = only(recorded, SecurityEventType.AUTHORIZATION_CODE_REPLAYED);
        assertThat(issued.client()).isEqualTo("demo-web");
        assertThat(issued.details()).containsEntry("grant_type", "authorization_code")
                .containsEntry("scope", "books.read openid")
                .containsEntry("refresh_token", "issued")
                .containsEntry("authorization_id", replayed.details().get("authorization_id"));
        assertThat(replayed.client()).isEqualTo("demo-web");
        assertThat(recorded.toString()).doesNotContain(WRONG_PASSWORD, "alice-password", code.value(),
                tokens.field("access_token"), tokens.field("refresh_token"), tokens.field("id_token"), "alice");
    }

    @Test
    void clientTokensAndRevocationsAreRecordedForTheClient() throws Exception {
        Reply service = http.clientCredentials("demo-service", "demo-service-secret", "books.read");
        Reply userTokens = grants.aliceTokens(Client.DEMO_WEB, "books.read");
        grants.revoke(Client.DEMO_WEB, userTokens.field("refresh_token"));

        List<RecordedEvent> serviceEvents = trail.await(
                new EventQuery(SecurityEventType.TOKEN_ISSUED, null, "demo-service", since, null),
                found -> !found.isEmpty());
        List<RecordedEvent> revoked = trail.await(
                new EventQuery(SecurityEventType.TOKEN_REVOKED, null, "demo-web", since, null),
                found -> !found.isEmpty());

        RecordedEvent issued = serviceEvents.get(0);
        assertThat(issued.user()).as("a client's own token").isNull();
        assertThat(issued.details()).containsEntry("grant_type", "client_credentials")
                .containsEntry("scope", "books.read")
                .containsKey("authorization_id")
                .doesNotContainKey("refresh_token");
        assertThat(revoked.get(0).user()).isEqualTo(alice);
        assertThat(revoked.get(0).details()).containsKey("authorization_id")
                .doesNotContainValue(userTokens.field("refresh_token"));
        assertThat(serviceEvents.toString() + revoked).doesNotContain(service.field("access_token"),
                userTokens.field("refresh_token"), "demo-service-secret");
    }

    @Test
    void theTrailIsFilteredByTypeUserClientAndTimeAndPagedNewestFirst() {
        Instant start = clock.instant();
        for (int i = 0; i < 5; i++) {
            http.clientCredentials("demo-service", "demo-service-secret", null);
        }
        EventQuery serviceTokens = new EventQuery(SecurityEventType.TOKEN_ISSUED, null, "demo-service", start, null);
        trail.await(serviceTokens, found -> found.size() >= 5);

        EventPage first = events.find(serviceTokens, 0, 2);
        EventPage third = events.find(serviceTokens, 2, 2);

        assertThat(first.totalElements()).isEqualTo(5);
        assertThat(first.content()).hasSize(2);
        assertThat(third.content()).hasSize(1);
        assertThat(first.content().get(0).time()).isAfterOrEqualTo(first.content().get(1).time());
        assertThat(first.content().get(1).time()).isAfterOrEqualTo(third.content().get(0).time());
        assertThat(events.find(new EventQuery(SecurityEventType.TOKEN_ISSUED, alice, "demo-service", start, null), 0,
                10).totalElements()).as("user").isZero();
        assertThat(events.find(new EventQuery(SecurityEventType.SIGN_IN, null, "demo-service", start, null), 0, 10)
                .totalElements()).as("type").isZero();
        Instant newest = first.content().get(0).time();
        assertThat(events.find(new EventQuery(SecurityEventType.TOKEN_ISSUED, null, "demo-service", start, newest), 0,
                10).content()).as("until is exclusive").allMatch(event -> event.time().isBefore(newest));
        assertThat(events.find(new EventQuery(SecurityEventType.TOKEN_ISSUED, null, "demo-service", newest, null), 0,
                10).content()).as("since is inclusive").isNotEmpty().allMatch(event -> !event.time().isBefore(newest));
    }

    private static RecordedEvent only(List<RecordedEvent> events, SecurityEventType type) {
        List<RecordedEvent> ofType = events.stream().filter(event -> event.type() == type).toList();
        assertThat(ofType).as(type.name()).hasSize(1);
        return ofType.get(0);
    }
}
