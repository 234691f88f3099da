package dev.tollgate.auth.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.web.util.UriComponentsBuilder;

import dev.tollgate.auth.console.ConsoleBrowser;
import dev.tollgate.auth.scim.RoleGroup;
import dev.tollgate.auth.session.ExpiredSessions;
import dev.tollgate.auth.scim.ScimHttp;
import dev.tollgate.auth.support.AdminHttp;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.testsupport.TestClock;

/**
 * Each cause of a Shared Signals event, end to end through the endpoint that causes it: the receiver's push stream
 * gets the right SET, about the right subject, and a revoked grant names the {@code grant_id} and {@code jti} the
 * revoked JWT access tokens carry.
 */
@AuthServerTest
@ExtendWith(OutputCaptureExtension.class)
class SignalCausesTest extends SignalsTest {

    private static final String REDIRECT_URI = "https://books.example.com/callback";

    @Autowired
    TestClock clock;

    @Autowired
    Environment environment;

    @Autowired
    ExpiredSessions expiredSessions;

    Client client;

    TollgateUser user;

    @BeforeEach
    void subscribeAndRegisterAClient() {
        pushStream(ALL_EVENTS);
        AdminHttp.Reply created = admin.postJson("/admin/api/clients", """
                {"client_name": "Books Web", "redirect_uris": ["%s"],
                 "grant_types": ["authorization_code", "refresh_token"], "scope": "openid profile"}"""
                .formatted(REDIRECT_URI));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        client = new Client(created.json().path("client_id").asString(),
                created.json().path("client_secret").asString(), REDIRECT_URI);
        user = testUsers.create("signals");
    }

    @Test
    void jwtAccessTokensCarryTheGrantAndTheSessionOfTheirIdToken() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Reply tokens = signIn(browser);
            JWTClaimsSet accessToken = claims(tokens.field("access_token"));
            JWTClaimsSet idToken = claims(tokens.field("id_token"));

            assertThat(accessToken.getStringClaim("sid")).isNotBlank().isEqualTo(idToken.getStringClaim("sid"));
            assertThat(accessToken.getStringClaim("grant_id")).isNotBlank();
            JWTClaimsSet refreshed =
                    claims(grants.refresh(client, tokens.field("refresh_token")).field("access_token"));
            assertThat(refreshed.getStringClaim("grant_id")).as("the same grant after a rotation")
                    .isEqualTo(accessToken.getStringClaim("grant_id"));
            assertThat(refreshed.getStringClaim("sid")).isEqualTo(idToken.getStringClaim("sid"));
        }
    }

    @Test
    void signingOutRevokesTheSessionAndItsGrants() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Reply tokens = signIn(browser);
            String sid = claims(tokens.field("id_token")).getStringClaim("sid");

            browser.click(browser.open("/logout"), "sign-out");

            JWTClaimsSet revoked = nextSet(SignalTypes.SESSION_REVOKED, aboutUser(user.id().toString()));
            assertThat(subject(revoked)).isEqualTo(Map.of("format", "complex",
                    "user", Map.of("format", "iss_sub", "iss", AuthServerTest.ISSUER, "sub", user.id().toString()),
                    "session", Map.of("format", "opaque", "id", sid)));
            assertThat(event(revoked, SignalTypes.SESSION_REVOKED)).containsKey("event_timestamp");
            assertGrantRevoked(tokens, "sign_out");
        }
    }

    @Test
    void rpInitiatedLogoutRevokesTheSession() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Reply tokens = signIn(browser);

            browser.open(UriComponentsBuilder.fromPath("/connect/logout")
                    .queryParam("id_token_hint", tokens.field("id_token")).build().toUriString());

            JWTClaimsSet revoked = nextSet(SignalTypes.SESSION_REVOKED, aboutUser(user.id().toString()));
            assertThat(((Map<?, ?>) subject(revoked).get("session")).get("id"))
                    .isEqualTo(claims(tokens.field("id_token")).getStringClaim("sid"));
        }
    }

    @Test
    void anAdministratorEndingTheUsersSessionsRevokesThemAll() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Reply tokens = signIn(browser);

            assertThat(admin.delete("/admin/api/users/" + user.id() + "/sessions").status()).isEqualTo(204);

            JWTClaimsSet revoked = nextSet(SignalTypes.SESSION_REVOKED, aboutUser(user.id().toString()));
            assertThat(subject(revoked)).as("the user, all sessions at once")
                    .isEqualTo(Map.of("format", "iss_sub", "iss", AuthServerTest.ISSUER, "sub", user.id().toString()));
            JWTClaimsSet grant = assertGrantRevoked(tokens, "sessions_ended");
            assertThat(grant.getStringClaim("txn")).as("one cause, one txn").isEqualTo(revoked.getStringClaim("txn"));
        }
    }

    @Test
    void signingOutAnotherSessionOnTheAccountPageRevokesThatSession() throws Exception {
        try (Browser laptop = new Browser(http.baseUrl()); Browser phone = new Browser(http.baseUrl())) {
            signIn(laptop);
            String phoneSid = claims(signIn(phone).field("id_token")).getStringClaim("sid");

            laptop.click(laptop.open("/account"), "end-other-sessions");

            JWTClaimsSet revoked = nextSet(SignalTypes.SESSION_REVOKED, aboutUser(user.id().toString()));
            assertThat(((Map<?, ?>) subject(revoked).get("session")).get("id")).isEqualTo(phoneSid);
        }
    }

    @Test
    void anExpiredSessionIsRevoked() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            String sid = claims(signIn(browser).field("id_token")).getStringClaim("sid");

            clock.advance(environment.getRequiredProperty("server.servlet.session.timeout", Duration.class)
                    .plusSeconds(1));
            expiredSessions.endExpired();

            JWTClaimsSet revoked = nextSet(SignalTypes.SESSION_REVOKED, aboutUser(user.id().toString()));
            assertThat(((Map<?, ?>) subject(revoked).get("session")).get("id")).isEqualTo(sid);
        }
    }

    @Test
    void revocationAtTheRevocationEndpointRevokesTheGrant(CapturedOutput output) throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Reply tokens = signIn(browser);

            assertThat(grants.revoke(client, tokens.field("refresh_token")).status()).isEqualTo(200);

            String jti = assertGrantRevoked(tokens, "revocation").getJWTID();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!output.getAll().contains("event=SHARED_SIGNAL_DELIVERED client=" + RECEIVER_CLIENT)
                    || !output.getAll().contains("jti=" + jti)) {
                assertThat(System.nanoTime()).as("the delivery is audited").isLessThan(deadline);
                Thread.onSpinWait();
            }
        }
    }

    @Test
    void revokingOnlyAnAccessTokenNamesThatTokenNotTheGrant() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Reply tokens = signIn(browser);
            String jti = claims(tokens.field("access_token")).getJWTID();

            assertThat(grants.revoke(client, tokens.field("access_token")).status()).isEqualTo(200);

            JWTClaimsSet set = nextSet(SignalTypes.GRANT_REVOKED,
                    revoked -> String.valueOf(event(revoked, SignalTypes.GRANT_REVOKED).get("jtis")).contains(jti));
            assertThat(event(set, SignalTypes.GRANT_REVOKED)).containsEntry("reason", "revocation")
                    .as("the grant's next tokens stay good").doesNotContainKey("grant_id");
            assertThat(grants.refresh(client, tokens.field("refresh_token")).status()).isEqualTo(200);
        }
    }

    @Test
    void aReusedRefreshTokenRevokesTheGrant() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Reply tokens = signIn(browser);
            Reply rotated = grants.refresh(client, tokens.field("refresh_token"));
            assertThat(rotated.status()).isEqualTo(200);

            assertThat(grants.refresh(client, tokens.field("refresh_token")).status()).isEqualTo(400);

            JWTClaimsSet set = assertGrantRevoked(rotated, "refresh_token_reuse");
            assertThat(claims(tokens.field("access_token")).getStringClaim("grant_id"))
                    .as("the access token from before the rotation is covered by grant_id")
                    .isEqualTo(event(set, SignalTypes.GRANT_REVOKED).get("grant_id"));
        }
    }

    @Test
    void aReplayedCodeRevokesTheGrant() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            var code = grants.authorize(browser, client, user.username(), TestUsers.PASSWORD, "openid");
            Reply tokens = grants.exchange(code);

            assertThat(grants.exchange(code).status()).isEqualTo(400);

            assertGrantRevoked(tokens, "code_replay");
        }
    }

    @Test
    void withdrawingTheConsentRevokesTheGrant() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Reply tokens = signIn(browser);

            AdminHttp.Reply withdrawn = admin.delete("/admin/api/users/" + user.id() + "/consents/" + client.id());
            assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(204);

            assertGrantRevoked(tokens, "consent_withdrawn");
        }
    }

    @Test
    void deletingTheClientRevokesItsGrantsAndItsOwnTokens() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Reply tokens = signIn(browser);

            assertThat(admin.delete("/admin/api/clients/" + client.id()).status()).isEqualTo(204);

            assertGrantRevoked(tokens, "client_deleted");
            JWTClaimsSet ownTokens = nextSet(SignalTypes.GRANT_REVOKED,
                    set -> Map.of("format", "opaque", "id", client.id()).equals(subject(set)));
            assertThat(event(ownTokens, SignalTypes.GRANT_REVOKED)).containsEntry("reason", "client_deleted")
                    .containsEntry("client_id", client.id());
        }
    }

    @Test
    void disablingTheAccountOverScimDisablesItAtEveryResourceServer() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Reply tokens = signIn(browser);

            ScimHttp.Reply disabled = scim().patch("/Users/" + user.id(),
                    ScimHttp.patchOps("{\"op\":\"replace\",\"value\":{\"active\":false}}"), null);
            assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);

            JWTClaimsSet set = nextSet(SignalTypes.ACCOUNT_DISABLED, aboutUser(user.id().toString()));
            assertThat(event(set, SignalTypes.ACCOUNT_DISABLED)).containsEntry("reason", "admin");
            assertGrantRevoked(tokens, "account_disabled");
        }
    }

    @Test
    void deletingTheAccountOverScimPurgesIt() throws Exception {
        assertThat(scim().delete("/Users/" + user.id(), null).status()).isEqualTo(204);

        nextSet(SignalTypes.ACCOUNT_PURGED, aboutUser(user.id().toString()));
    }

    @Test
    void aGroupChangeOverScimChangesTheUsersRolesClaim() throws Exception {
        ScimHttp.Reply added = scim().patch("/Groups/" + RoleGroup.ADMIN.id(), ScimHttp.patchOps(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user.id() + "\"}]}"), null);
        assertThat(added.status()).as(added.toString()).isEqualTo(200);

        JWTClaimsSet set = nextSet(SignalTypes.TOKEN_CLAIMS_CHANGE, aboutUser(user.id().toString()));
        assertThat(event(set, SignalTypes.TOKEN_CLAIMS_CHANGE))
                .containsEntry("claims", Map.of("roles", List.of("ADMIN", "USER")));
    }

    @Test
    void aPasswordSetOverScimIsACredentialChange() throws Exception {
        ScimHttp.Reply changed = scim().patch("/Users/" + user.id(), ScimHttp.patchOps(
                "{\"op\":\"replace\",\"path\":\"password\",\"value\":\"another long password of the test\"}"), null);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);

        JWTClaimsSet set = nextSet(SignalTypes.CREDENTIAL_CHANGE, aboutUser(user.id().toString()));
        assertThat(event(set, SignalTypes.CREDENTIAL_CHANGE)).containsEntry("credential_type", "password")
                .containsEntry("change_type", "update");
    }

    @Test
    void anAdministratorDisablingTheUserOnTheConsoleDisablesTheAccount() throws Exception {
        try (ConsoleBrowser console = ConsoleBrowser.signedIn(http.baseUrl(), "/admin")) {
            HtmlPage disabled = console.browser().click(console.open("/admin/users/" + user.id()), "disable");
            assertThat(ConsoleBrowser.text(disabled, "user-status")).isEqualTo("disabled");
        }

        nextSet(SignalTypes.ACCOUNT_DISABLED, aboutUser(user.id().toString()));
    }

    @Test
    void anAdministratorChangingRolesOnTheConsoleChangesTheRolesClaim() throws Exception {
        try (ConsoleBrowser console = ConsoleBrowser.signedIn(http.baseUrl(), "/admin")) {
            ConsoleBrowser.submit(console.open("/admin/users/" + user.id()), "roles-form", "save-roles",
                    "role-ADMIN", "true");
        }

        JWTClaimsSet set = nextSet(SignalTypes.TOKEN_CLAIMS_CHANGE, aboutUser(user.id().toString()));
        assertThat(event(set, SignalTypes.TOKEN_CLAIMS_CHANGE))
                .containsEntry("claims", Map.of("roles", List.of("ADMIN", "USER")));
    }

    @Test
    void anAdministratorEndingSessionsOnTheConsoleRevokesThem() throws Exception {
        try (Browser browser = new Browser(http.baseUrl());
                ConsoleBrowser console = ConsoleBrowser.signedIn(http.baseUrl(), "/admin")) {
            Reply tokens = signIn(browser);

            console.browser().click(console.open("/admin/users/" + user.id()), "end-sessions");

            nextSet(SignalTypes.SESSION_REVOKED, aboutUser(user.id().toString()));
            assertGrantRevoked(tokens, "sessions_ended");
        }
    }

    @Test
    void changingThePasswordOnTheAccountPageIsACredentialChangeAndEndsTheOtherSessions() throws Exception {
        try (Browser here = new Browser(http.baseUrl()); Browser elsewhere = new Browser(http.baseUrl())) {
            signIn(here);
            String otherSid = claims(signIn(elsewhere).field("id_token")).getStringClaim("sid");
            HtmlPage account = here.open("/account");
            HtmlForm form = account.getHtmlElementById("password-change-form");
            form.getInputByName("current").setValue(TestUsers.PASSWORD);
            form.getInputByName("password").setValue("a new password for the signals test");
            form.getInputByName("confirmation").setValue("a new password for the signals test");
            here.click(account, "change-password");

            JWTClaimsSet ended = nextSet(SignalTypes.SESSION_REVOKED, aboutUser(user.id().toString()));
            assertThat(((Map<?, ?>) subject(ended).get("session")).get("id")).isEqualTo(otherSid);
            JWTClaimsSet set = nextSet(SignalTypes.CREDENTIAL_CHANGE, aboutUser(user.id().toString()));
            assertThat(event(set, SignalTypes.CREDENTIAL_CHANGE)).containsEntry("credential_type", "password")
                    .containsEntry("change_type", "update");
        }
    }

    @SuppressWarnings("unchecked")
    private JWTClaimsSet assertGrantRevoked(Reply tokens, String reason) throws Exception {
        JWTClaimsSet accessToken = claims(tokens.field("access_token"));
        String grantId = accessToken.getStringClaim("grant_id");
        Predicate<JWTClaimsSet> ofTheGrant = set -> event(set, SignalTypes.GRANT_REVOKED) != null
                && grantId.equals(event(set, SignalTypes.GRANT_REVOKED).get("grant_id"));
        JWTClaimsSet set = nextSet(SignalTypes.GRANT_REVOKED, ofTheGrant);
        Map<String, Object> event = event(set, SignalTypes.GRANT_REVOKED);
        assertThat(event).containsEntry("reason", reason).containsEntry("client_id", client.id());
        assertThat((List<Object>) event.get("jtis")).contains(accessToken.getJWTID());
        assertThat(subject(set))
                .isEqualTo(Map.of("format", "iss_sub", "iss", AuthServerTest.ISSUER, "sub", user.id().toString()));
        assertThat(Set.copyOf(set.getAudience())).containsExactly(RECEIVER_CLIENT);
        return set;
    }

    private Reply signIn(Browser browser) throws Exception {
        Reply tokens = grants.exchange(grants.authorize(browser, client, user.username(), TestUsers.PASSWORD,
                "openid"));
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        return tokens;
    }

    private ScimHttp scim() {
        return new ScimHttp(http.baseUrl(), AdminHttp.demoAdminToken(http));
    }

    private static JWTClaimsSet claims(String jwt) throws ParseException {
        return SignedJWT.parse(jwt).getJWTClaimsSet();
    }
}
