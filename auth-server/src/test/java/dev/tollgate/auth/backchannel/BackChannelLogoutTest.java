package dev.tollgate.auth.backchannel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.UriComponentsBuilder;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.support.AdminApiTest;
import dev.tollgate.auth.support.AdminHttp;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.session.ExpiredSessions;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.web.Pages;
import dev.tollgate.testsupport.TestClock;

/**
 * OpenID Connect Back-Channel Logout 1.0 over real HTTP: a client registered with a {@code backchannel_logout_uri}
 * (a {@link LogoutReceiver}) gets a logout token, verifiable against {@code /oauth2/jwks}, for each Tollgate session
 * it signed in through that ends, and for no other.
 */
@AuthServerTest
@ExtendWith(OutputCaptureExtension.class)
class BackChannelLogoutTest extends AdminApiTest {

    private static final String REDIRECT_URI = "https://books.example.com/callback";

    private static final String CLIENT = """
            {"client_name": "Books Web", "redirect_uris": ["%s"], "grant_types": ["authorization_code"],
             "scope": "openid profile", "backchannel_logout_uri": "%s", "backchannel_logout_session_required": true}""";

    private static final String CLIENT_NOT_LISTENING = """
            {"client_name": "Books Mobile", "redirect_uris": ["%s"], "grant_types": ["authorization_code"],
             "scope": "openid profile"}""";

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LogoutDeliveries deliveries;

    @Autowired
    BackChannelLogoutProperties properties;

    @Autowired
    LogoutTokens tokens;

    @Autowired
    AuditLog audit;

    @Autowired
    ExpiredSessions expiredSessions;

    @Autowired
    Environment environment;

    LogoutReceiver receiver;

    Client client;

    TollgateUser user;

    @BeforeEach
    void registerClientWithReceiver() throws Exception {
        receiver = new LogoutReceiver();
        AdminHttp.Reply created = admin.postJson("/admin/api/clients", CLIENT.formatted(REDIRECT_URI, receiver.uri()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("backchannel_logout_uri").asString()).isEqualTo(receiver.uri());
        assertThat(created.json().path("backchannel_logout_session_required").asBoolean()).isTrue();
        client = new Client(created.json().path("client_id").asString(),
                created.json().path("client_secret").asString(), REDIRECT_URI);
        user = testUsers.create("backchannel");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void signingOutSendsAVerifiableLogoutTokenForThatSessionOnly(CapturedOutput output) throws Exception {
        try (Browser laptop = new Browser(http.baseUrl()); Browser phone = new Browser(http.baseUrl())) {
            JWTClaimsSet idToken = idTokenOf(signIn(laptop));
            JWTClaimsSet otherSession = idTokenOf(signIn(phone));
            assertThat(idToken.getStringClaim("sid")).isNotBlank().isNotEqualTo(otherSession.getStringClaim("sid"));

            HtmlPage signedOut = laptop.click(laptop.open("/logout"), "sign-out");
            assertThat(signedOut.getUrl().toString()).endsWith("/login?logout");

            LogoutReceiver.Received received = receiver.next();
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.contentType()).startsWith("application/x-www-form-urlencoded");
            JWTClaimsSet logout = verified(received.logoutToken());
            assertThat(logout.getIssuer()).isEqualTo(AuthServerTest.ISSUER);
            assertThat(logout.getAudience()).containsExactly(client.id());
            assertThat(logout.getSubject()).isEqualTo(idToken.getSubject());
            assertThat(logout.getStringClaim("sid")).isEqualTo(idToken.getStringClaim("sid"));
            assertThat(logout.getJSONObjectClaim("events"))
                    .containsOnlyKeys("http://schemas.openid.net/event/backchannel-logout");
            assertThat(logout.getJWTID()).isNotBlank();
            assertThat(logout.getIssueTime()).isNotNull();
            assertThat(logout.getExpirationTime()).isAfter(logout.getIssueTime())
                    .isBeforeOrEqualTo(new Date(logout.getIssueTime().getTime()
                            + properties.tokenLifetime().toMillis()));
            assertThat(logout.getClaims()).doesNotContainKey("nonce");
            // the delivered token's row goes once the receiver has answered
            awaitOutboxEmpty();
            assertThat(receiver.pending()).as("nothing for the phone's session").isZero();
        }
    }

    @Test
    void rpInitiatedLogoutSendsALogoutTokenForThatSession() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Reply tokens = signIn(browser);

            browser.open(UriComponentsBuilder.fromPath("/connect/logout")
                    .queryParam("id_token_hint", tokens.field("id_token")).build().toUriString());

            JWTClaimsSet logout = verified(receiver.next().logoutToken());
            assertThat(logout.getStringClaim("sid")).isEqualTo(idTokenOf(tokens).getStringClaim("sid"));
            assertThat(logout.getAudience()).containsExactly(client.id());
        }
    }

    @Test
    void dynamicRegistrationAcceptsTheMetadataAndRefusesAUriWithAFragment() {
        Reply registered = http.postJson("/connect/register", registrarToken(),
                CLIENT.formatted(REDIRECT_URI, "https://books.example.com/logout"));
        Reply refused = http.postJson("/connect/register", registrarToken(),
                CLIENT.formatted(REDIRECT_URI, "https://books.example.com/logout#here"));

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().path("backchannel_logout_uri").asString())
                .isEqualTo("https://books.example.com/logout");
        assertThat(registered.json().path("backchannel_logout_session_required").asBoolean()).isTrue();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.field("error")).isEqualTo("invalid_client_metadata");
        assertThat(refused.field("error_description")).contains("backchannel_logout_uri");
    }

    @Test
    void discoveryAdvertisesBackChannelLogoutWithSid() {
        Reply configuration = http.get("/.well-known/openid-configuration");

        assertThat(configuration.json().path("backchannel_logout_supported").asBoolean()).isTrue();
        assertThat(configuration.json().path("backchannel_logout_session_supported").asBoolean()).isTrue();
    }

    @Test
    void anAdministratorEndingTheUsersSessionsSendsALogoutTokenPerSession() throws Exception {
        try (Browser laptop = new Browser(http.baseUrl()); Browser phone = new Browser(http.baseUrl())) {
            String laptopSid = idTokenOf(signIn(laptop)).getStringClaim("sid");
            String phoneSid = idTokenOf(signIn(phone)).getStringClaim("sid");

            AdminHttp.Reply ended = admin.delete("/admin/api/users/" + user.id() + "/sessions");
            assertThat(ended.status()).as(ended.toString()).isEqualTo(204);

            JWTClaimsSet first = verified(receiver.next().logoutToken());
            JWTClaimsSet second = verified(receiver.next().logoutToken());
            assertThat(List.of(first.getStringClaim("sid"), second.getStringClaim("sid")))
                    .containsExactlyInAnyOrder(laptopSid, phoneSid);
            assertThat(first.getSubject()).isEqualTo(user.id().toString());
            assertThat(first.getJWTID()).isNotEqualTo(second.getJWTID());
        }
    }

    @Test
    void signingOutTheOtherSessionsOnTheAccountPageTellsOnlyThem() throws Exception {
        try (Browser laptop = new Browser(http.baseUrl()); Browser phone = new Browser(http.baseUrl())) {
            String laptopSid = idTokenOf(signIn(laptop)).getStringClaim("sid");
            String phoneSid = idTokenOf(signIn(phone)).getStringClaim("sid");

            HtmlPage account = laptop.click(laptop.open(Pages.ACCOUNT), "end-other-sessions");
            assertThat(account.getElementById("account-notice").asNormalizedText()).contains("signed out");

            assertThat(verified(receiver.next().logoutToken()).getStringClaim("sid")).isEqualTo(phoneSid)
                    .isNotEqualTo(laptopSid);
            awaitOutboxEmpty();
            assertThat(receiver.pending()).as("nothing for the session kept").isZero();
        }
    }

    @Test
    void aClientThatFailsIsRetriedAndNeverDelaysTheSignOut(CapturedOutput output) throws Exception {
        receiver.hold = new CountDownLatch(1);
        receiver.status = 503;
        try (Browser browser = new Browser(http.baseUrl())) {
            String sid = idTokenOf(signIn(browser)).getStringClaim("sid");

            HtmlPage signedOut = browser.click(browser.open("/logout"), "sign-out");

            assertThat(signedOut.getUrl().toString()).as("signed out while the client still holds the token")
                    .endsWith("/login?logout");
            LogoutReceiver.Received first = receiver.next();
            receiver.hold.countDown();
            awaitReleasedForRetry();
            assertThat(output.getAll()).contains("event=BACKCHANNEL_LOGOUT_FAILED client=" + client.id());

            receiver.status = 204;
            clock.advance(properties.retryDelay());
            deliveries.wakeUp();
            JWTClaimsSet retried = verified(receiver.next().logoutToken());

            assertThat(retried.getStringClaim("sid")).isEqualTo(sid);
            assertThat(retried.getJWTID()).isNotEqualTo(verified(first.logoutToken()).getJWTID());
        }
    }

    @Test
    void twoSendersDeliverEachLogoutTokenOnce() throws Exception {
        LogoutOutboxRows rows = new LogoutOutboxRows(jdbc);
        for (int i = 0; i < 20; i++) {
            rows.insert(client.id(), receiver.uri(), user.id().toString(), "sid-" + i, clock.instant());
        }
        LogoutDeliveries other = new LogoutDeliveries(rows, tokens, properties, audit, clock);
        try {
            Concurrently.run(List.of(deliveries::sendDue, other::sendDue));
        }
        finally {
            other.destroy();
        }

        Set<String> sids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            assertThat(sids.add(verified(receiver.next().logoutToken()).getStringClaim("sid"))).isTrue();
        }
        assertThat(receiver.pending()).as("no token twice").isZero();
        assertThat(queued()).isZero();
    }

    @Test
    void anExpiredSessionSendsOneLogoutTokenToEachOfItsClientsThatListen(CapturedOutput output) throws Exception {
        Client notListening = registered(CLIENT_NOT_LISTENING.formatted(REDIRECT_URI));
        try (Browser browser = new Browser(http.baseUrl())) {
            JWTClaimsSet idToken = idTokenOf(signIn(browser));
            assertThat(idTokenOf(signIn(browser, notListening)).getStringClaim("sid"))
                    .isEqualTo(idToken.getStringClaim("sid"));

            expiredSessions.endExpired();
            assertThat(browser.isSignedIn()).as("a live session is left alone").isTrue();
            assertThat(queued()).isZero();

            clock.advance(sessionTimeout().plusSeconds(1));
            expiredSessions.endExpired();

            JWTClaimsSet logout = verified(receiver.next().logoutToken());
            assertThat(logout.getAudience()).containsExactly(client.id());
            assertThat(logout.getSubject()).isEqualTo(user.id().toString());
            assertThat(logout.getStringClaim("sid")).isEqualTo(idToken.getStringClaim("sid"));
            assertThat(queuedFor(notListening)).as("nothing for a client without a back-channel URI").isZero();
            assertThat(browser.isSignedIn()).as("the session is gone").isFalse();
            assertThat(output.getAll().lines()
                    .filter(line -> line.contains("event=SESSION_EXPIRED user=" + user.id()))
                    .toList())
                    .singleElement().asString()
                    .contains("sid=" + idToken.getStringClaim("sid"), client.id(), notListening.id());

            expiredSessions.endExpired();
            awaitOutboxEmpty();
            assertThat(receiver.pending()).as("one token, not two").isZero();
        }
    }

    @Test
    void aBrowserComingBackAfterItsSessionExpiredLeavesItForTheSweep() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            String sid = idTokenOf(signIn(browser)).getStringClaim("sid");
            // last used longer ago than the timeout, by the store's own clock (Spring Session's is the system's)
            long idle = sessionTimeout().plusMinutes(1).toMillis();
            jdbc.sql("UPDATE spring_session SET last_access_time = last_access_time - :idle,"
                    + " expiry_time = expiry_time - :idle WHERE principal_name = :user")
                    .param("idle", idle).param("user", user.id().toString()).update();

            assertThat(browser.isSignedIn()).isFalse();
            expiredSessions.endExpired();

            assertThat(verified(receiver.next().logoutToken()).getStringClaim("sid")).isEqualTo(sid);
        }
    }

    @Test
    void anExpiredSessionThatNoLongerReadsHoldsUpNoOther() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            String sid = idTokenOf(signIn(browser)).getStringClaim("sid");
            String unreadable = UUID.randomUUID().toString();
            long lastUsed = clock.millis();
            jdbc.sql("""
                    INSERT INTO spring_session (primary_id, session_id, creation_time, last_access_time,
                        max_inactive_interval, expiry_time, principal_name)
                    VALUES (:id, :id, :at, :at, :idle, :expiry, :user)""")
                    .param("id", unreadable).param("at", lastUsed).param("idle", sessionTimeout().toSeconds())
                    .param("expiry", lastUsed + sessionTimeout().toMillis()).param("user", user.id().toString())
                    .update();
            jdbc.sql("""
                    INSERT INTO spring_session_attributes (session_primary_id, attribute_name, attribute_bytes)
                    VALUES (?, 'SPRING_SECURITY_CONTEXT', ?)""")
                    .params(unreadable, "written by another version".getBytes(StandardCharsets.UTF_8)).update();

            clock.advance(sessionTimeout().plusSeconds(1));
            expiredSessions.endExpired();

            assertThat(verified(receiver.next().logoutToken()).getStringClaim("sid")).isEqualTo(sid);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE primary_id = ?").param(unreadable)
                    .query(Long.class).single()).as("ended too").isZero();
        }
    }

    Reply signIn(Browser browser) throws Exception {
        return signIn(browser, client);
    }

    private Reply signIn(Browser browser, Client through) throws Exception {
        return grants.exchange(grants.authorize(browser, through, user.username(), TestUsers.PASSWORD, "openid"));
    }

    private Client registered(String metadata) {
        AdminHttp.Reply created = admin.postJson("/admin/api/clients", metadata);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Client(created.json().path("client_id").asString(),
                created.json().path("client_secret").asString(), REDIRECT_URI);
    }

    Duration sessionTimeout() {
        return environment.getRequiredProperty("server.servlet.session.timeout", Duration.class);
    }

    /** An initial access token for dynamic registration: one registration each. */
    private String registrarToken() {
        return http.clientCredentials("demo-registrar", "demo-registrar-secret", null).field("access_token");
    }

    static JWTClaimsSet idTokenOf(Reply tokens) throws ParseException {
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        return SignedJWT.parse(tokens.field("id_token")).getJWTClaimsSet();
    }

    /** The token's claims if its signature verifies against the published keys and its {@code typ} is right. */
    JWTClaimsSet verified(String logoutToken) throws Exception {
        JWKSet keys = JWKSet.parse(http.get("/oauth2/jwks").body());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("logout+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
        // the test clock, not the system's, is the server's time
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        return processor.process(logoutToken, null);
    }

    private long queued() {
        return queuedFor(client);
    }

    private long queuedFor(Client listener) {
        return jdbc.sql("SELECT COUNT(*) FROM backchannel_logout_outbox WHERE client_id = ?").param(listener.id())
                .query(Long.class).single();
    }

    /** Every token queued for the client was delivered: whatever the receiver got is there. */
    void awaitOutboxEmpty() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (queued() > 0) {
            assertThat(System.nanoTime()).as("the outbox drained").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    /** The failed attempt is written back (row released, not yet due) by the sender's thread. */
    private void awaitReleasedForRetry() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (jdbc.sql("SELECT COUNT(*) FROM backchannel_logout_outbox WHERE client_id = ? AND attempts = 1"
                + " AND lease_token IS NULL").param(client.id()).query(Long.class).single() == 0) {
            assertThat(System.nanoTime()).as("the failed attempt was written back").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
