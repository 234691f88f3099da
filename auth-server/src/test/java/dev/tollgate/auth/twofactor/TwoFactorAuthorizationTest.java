package dev.tollgate.auth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import dev.tollgate.auth.client.TollgateClientSettings;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;

/**
 * Authorization code flows whose ID tokens say how the user signed in ({@code amr}, {@code acr}), and clients that
 * require two factors: by {@code acr_values}, by their setting, with {@code prompt=none} and {@code prompt=login}.
 */
class TwoFactorAuthorizationTest extends TwoFactorFlows {

    private static final String MFA = "urn:tollgate:mfa";

    @Autowired
    RegisteredClientRepository clients;

    @Test
    void aPasswordAloneIsPwd() throws Exception {
        TollgateUser user = testUsers.create("pia");
        Pkce pkce = Pkce.create();
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage consent = browser.signIn(browser.open(authorize("p1", pkce, "")), user.username(),
                    TestUsers.PASSWORD);
            approveIfAsked(browser, consent);
            JWTClaimsSet idToken = idToken(http, browser, pkce);
            assertThat(idToken.getStringListClaim("amr")).containsExactly("pwd");
            assertThat(idToken.getStringClaim("acr")).isEqualTo("urn:tollgate:pwd");
        }
    }

    @Test
    void aPasswordAndACodeAreMfa() throws Exception {
        TollgateUser user = testUsers.create("quinn");
        app.enrol(user.id(), List.of());
        Pkce pkce = Pkce.create();
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage codePage = browser.signIn(browser.open(authorize("q1", pkce, "&acr_values=" + MFA)),
                    user.username(), TestUsers.PASSWORD);
            long codeGiven = clock.instant().getEpochSecond();
            approveIfAsked(browser,
                    Authenticators.enter(codePage, "two-factor-form", app.codeNow(user.id()), "verify"));
            long codeAccepted = clock.instant().getEpochSecond();
            JWTClaimsSet idToken = idToken(http, browser, pkce);
            assertThat(idToken.getStringListClaim("amr")).containsExactly("mfa", "pwd", "otp");
            assertThat(idToken.getStringClaim("acr")).isEqualTo(MFA);
            assertThat(idToken.getStringClaim("sid")).as("the sign-in session, as after a password alone").isNotBlank();
            assertThat(idToken.getDateClaim("auth_time").toInstant().getEpochSecond())
                    .as("the time of the code, the newest factor").isBetween(codeGiven, codeAccepted);
        }
    }

    @Test
    void acrValuesMfaTakesAUserWithoutSecondFactorToSetOneUpAndThenContinues() throws Exception {
        TollgateUser user = testUsers.create("uma");
        Pkce pkce = Pkce.create();
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage setup = browser.signIn(browser.open(authorize("u1", pkce, "&acr_values=" + MFA)),
                    user.username(), TestUsers.PASSWORD);
            assertThat(browser.callback()).as("no code yet").isNull();
            assertThat(setup.getUrl().getPath()).isEqualTo("/account/two-factor");
            assertThat(setup.getElementById("two-factor-required")).isNotNull();

            setup = browser.click(setup, "two-factor-start");
            HtmlPage recovery = Authenticators.enter(setup, "two-factor-confirm-form", app.codeNow(user.id(), false),
                    "two-factor-confirm");
            approveIfAsked(browser, browser.click(recovery, "two-factor-continue"));

            assertThat(browser.callbackParameters()).containsEntry("state", "u1");
            JWTClaimsSet idToken = idToken(http, browser, pkce);
            assertThat(idToken.getStringClaim("acr")).isEqualTo(MFA);
            assertThat(idToken.getStringListClaim("amr")).contains("mfa", "otp", "pwd");
        }
    }

    @Test
    void aUserWhoTurnedTotpOnElsewhereIsAskedForTheCodeWhenAClientWantsTwoFactors() throws Exception {
        TollgateUser user = testUsers.create("vera");
        Pkce pkce = Pkce.create();
        try (Browser browser = new Browser(http.baseUrl())) {
            browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            app.enrol(user.id(), List.of());

            HtmlPage codePage = browser.open(authorize("v1", pkce, "&acr_values=" + MFA));
            assertThat(codePage.getUrl().getPath()).isEqualTo("/login/two-factor");
            approveIfAsked(browser,
                    Authenticators.enter(codePage, "two-factor-form", app.codeNow(user.id()), "verify"));
            assertThat(idToken(http, browser, pkce).getStringClaim("acr")).isEqualTo(MFA);
        }
    }

    @Test
    void aClientWithRequireMfaGetsNoCodeForAPasswordAlone() throws Exception {
        RegisteredClient demoWeb = clients.findByClientId("demo-web");
        String clientId = "mfa-web-" + UUID.randomUUID();
        clients.save(RegisteredClient.from(demoWeb).id(UUID.randomUUID().toString()).clientId(clientId)
                .clientSecret(passwords.encode(clientId))
                .clientSettings(ClientSettings.withSettings(demoWeb.getClientSettings().getSettings())
                        .setting(TollgateClientSettings.REQUIRE_MFA, true).build())
                .build());
        TollgateUser user = testUsers.create("walt");
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage setup = browser.signIn(browser.open(Browser.authorizePath(clientId, REDIRECT_URI, "openid",
                    "w1", Pkce.create())), user.username(), TestUsers.PASSWORD);
            assertThat(browser.callback()).isNull();
            assertThat(setup.getUrl().getPath()).isEqualTo("/account/two-factor");
        }
    }

    @Test
    void promptNoneAskingForMfaOfAPasswordSignInIsInteractionRequired() throws Exception {
        TollgateUser user = testUsers.create("xena");
        try (Browser browser = new Browser(http.baseUrl())) {
            browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            browser.open(authorize("x1", Pkce.create(), "&prompt=none&acr_values=" + MFA));
            assertThat(browser.callbackParameters()).containsEntry("error", "interaction_required")
                    .containsEntry("state", "x1");
        }
    }

    @Test
    void promptLoginAsksForTheCodeAgain() throws Exception {
        TollgateUser user = testUsers.create("yann");
        app.enrol(user.id(), List.of());
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage codePage = browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            Authenticators.enter(codePage, "two-factor-form", app.codeNow(user.id()), "verify");
            assertThat(browser.isSignedIn()).isTrue();

            clock.advance(Duration.ofSeconds(30));
            Pkce pkce = Pkce.create();
            HtmlPage login = browser.open(authorize("y1", pkce, "&prompt=login"));
            codePage = browser.signIn(login, user.username(), TestUsers.PASSWORD);
            assertThat(codePage.getUrl().getPath()).as("the password alone is not a fresh sign-in")
                    .isEqualTo("/login/two-factor");
            assertThat(browser.callback()).isNull();
            long codeGiven = clock.instant().getEpochSecond();
            approveIfAsked(browser,
                    Authenticators.enter(codePage, "two-factor-form", app.codeNow(user.id()), "verify"));
            long codeAccepted = clock.instant().getEpochSecond();

            JWTClaimsSet idToken = idToken(http, browser, pkce);
            assertThat(idToken.getStringClaim("acr")).isEqualTo(MFA);
            assertThat(idToken.getDateClaim("auth_time").toInstant().getEpochSecond())
                    .as("the time of the code, the newest factor").isBetween(codeGiven, codeAccepted);
        }
    }

    @Test
    void discoveryNamesTheAcrValues() {
        Reply configuration = http.get("/.well-known/openid-configuration");
        assertThat(configuration.json().get("acr_values_supported").toString()).contains(MFA, "urn:tollgate:pwd");
        assertThat(configuration.json().get("claims_supported").toString()).contains("\"acr\"", "\"amr\"");
    }

    private static String authorize(String state, Pkce pkce, String more) {
        return Browser.authorizePath("demo-web", REDIRECT_URI, "openid", state, pkce) + more;
    }
}
