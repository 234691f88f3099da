package dev.tollgate.auth.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.DemoUpstream;
import dev.tollgate.auth.support.FederationTest;
import dev.tollgate.auth.support.OAuthHttp;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.support.SignedTokens;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/** A third-party app's user signs in to Tollgate through the upstream provider and comes back to the app's flow. */
class FederatedSignInTest extends FederationTest {

    private static final String REDIRECT_URI = AuthServerTest.DEMO_WEB_REDIRECT_URI;

    private static final String SCOPE = "openid profile email books.read";

    @Autowired
    UserRepository users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void carolSignsInUpstreamGetsALocalAccountAndTokensLikeAnyOtherUserAndIsFoundAgainNextTime() throws Exception {
        Pkce pkce = Pkce.create();
        Map<String, String> callback;
        try (Browser browser = new Browser(tollgate(), DemoUpstream.issuer())) {
            HtmlPage upstreamLogin = continueWithUpstream(browser, "upstream", "c1", pkce);
            assertThat(upstreamLogin.getUrl().toString()).startsWith(DemoUpstream.issuer() + "/login");
            HtmlPage consent = browser.signIn(upstreamLogin, "carol", "carol-password");
            assertThat(consent.getUrl().toString()).startsWith(tollgate() + "/oauth2/consent");
            browser.click(consent, "approve");
            callback = browser.callbackParameters();
        }
        assertThat(callback).containsEntry("state", "c1").containsEntry("iss", AuthServerTest.ISSUER);

        TollgateUser carol = users.findByUsername("carol").orElseThrow();
        assertThat(carol.hasPassword()).isFalse();
        assertThat(carol.roles()).containsExactly("USER");
        assertThat(carol.email()).isEqualTo("carol@example.com");
        assertThat(carol.id()).isNotEqualTo(UpstreamUsers.idOf("carol"));

        OAuthHttp http = new OAuthHttp(port);
        Reply tokens = exchange(http, callback.get("code"), pkce);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        assertThat(tokens.body()).doesNotContain(DemoUpstream.issuer());
        JWTClaimsSet accessToken = SignedTokens.verified(tokens.field("access_token"), http).getJWTClaimsSet();
        assertThat(accessToken.getIssuer()).isEqualTo(AuthServerTest.ISSUER);
        assertThat(accessToken.getSubject()).isEqualTo(carol.id().toString());
        assertThat(accessToken.getStringListClaim("roles")).containsExactly("USER");
        assertThat(accessToken.getStringClaim("preferred_username")).isEqualTo("carol");
        assertThat(accessToken.getStringClaim("client_id")).isEqualTo("demo-web");
        JWTClaimsSet idToken = SignedTokens.verified(tokens.field("id_token"), http).getJWTClaimsSet();
        assertThat(idToken.getSubject()).isEqualTo(carol.id().toString());
        assertThat(idToken.getStringClaim("email")).isEqualTo("carol@example.com");
        assertThat(idToken.getBooleanClaim("email_verified")).isTrue();

        Pkce again = Pkce.create();
        try (Browser browser = new Browser(tollgate(), DemoUpstream.issuer())) {
            browser.signIn(continueWithUpstream(browser, "upstream", "c2", again), "carol", "carol-password");
            Reply secondTokens = exchange(http, browser.callbackParameters().get("code"), again);
            assertThat(SignedTokens.verified(secondTokens.field("access_token"), http).getJWTClaimsSet().getSubject())
                    .as("the same local user, found by the link; consent was remembered").isEqualTo(carol.id().toString());
        }
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE email = 'carol@example.com'").query(Long.class).single())
                .isOne();
    }

    @Test
    void aVerifiedEmailOfALocalAccountLinksOnlyOnceTheLocalPasswordIsEntered() throws Exception {
        UUID alice = users.findByUsername("alice").orElseThrow().id();
        UUID upstreamAlice = UpstreamUsers.idOf("alice");
        Pkce pkce = Pkce.create();
        try (Browser browser = new Browser(tollgate(), DemoUpstream.issuer())) {
            HtmlPage link = browser.signIn(continueWithUpstream(browser, "upstream", "a1", pkce), "alice",
                    "alice-upstream-password");
            assertThat(link.getUrl().toString()).isEqualTo(tollgate() + "/login/link");
            assertThat(link.asNormalizedText()).contains("alice@example.com").contains("Upstream");
            assertThat(link.getWebResponse().getResponseHeaderValue("Content-Security-Policy"))
                    .as("the password form cannot be framed").contains("frame-ancestors 'none'");
            assertThat(linkedUser(upstreamAlice)).as("not linked by the email alone").isNull();

            HtmlPage wrong = submitLinkPassword(browser, link, "alice-upstream-password");
            assertThat(wrong.getElementById("link-error")).isNotNull();
            assertThat(linkedUser(upstreamAlice)).isNull();

            HtmlPage next = submitLinkPassword(browser, wrong, "alice-password");
            if (next.getElementById("approve") != null) {
                browser.click(next, "approve");
            }
            Reply tokens = exchange(new OAuthHttp(port), browser.callbackParameters().get("code"), pkce);
            assertThat(SignedTokens.verified(tokens.field("access_token"), new OAuthHttp(port)).getJWTClaimsSet()
                    .getSubject()).isEqualTo(alice.toString());
        }
        assertThat(linkedUser(upstreamAlice)).isEqualTo(alice);

        try (Browser browser = new Browser(tollgate(), DemoUpstream.issuer())) {
            HtmlPage next = browser.signIn(continueWithUpstream(browser, "upstream", "a2", Pkce.create()), "alice",
                    "alice-upstream-password");
            assertThat(next.getUrl().toString()).as("found by the link, no password asked")
                    .doesNotContain("/login/link");
        }
    }

    @Test
    void anUnverifiedEmailNeverLinksToTheLocalAccountWithThatEmail() throws Exception {
        UpstreamUsers.add("mallory", "alice@example.com", false);
        UUID alice = users.findByUsername("alice").orElseThrow().id();
        Pkce pkce = Pkce.create();
        try (Browser browser = new Browser(tollgate(), DemoUpstream.issuer())) {
            HtmlPage consent = browser.signIn(continueWithUpstream(browser, "upstream", "m1", pkce), "mallory",
                    "mallory-password");
            assertThat(consent.getUrl().toString()).startsWith(tollgate() + "/oauth2/consent");
            browser.click(consent, "approve");
            Reply tokens = exchange(new OAuthHttp(port), browser.callbackParameters().get("code"), pkce);
            String subject = SignedTokens.verified(tokens.field("access_token"), new OAuthHttp(port))
                    .getJWTClaimsSet().getSubject();
            assertThat(subject).isNotEqualTo(alice.toString());
            TollgateUser mallory = users.findById(UUID.fromString(subject)).orElseThrow();
            assertThat(mallory.username()).isEqualTo("mallory");
            assertThat(mallory.emailVerified()).isFalse();
        }
        assertThat(linkedUser(UpstreamUsers.idOf("mallory"))).isNotEqualTo(alice);
    }

    private HtmlPage continueWithUpstream(Browser browser, String provider, String state, Pkce pkce)
            throws Exception {
        HtmlPage login = browser.open(Browser.authorizePath("demo-web", REDIRECT_URI, SCOPE, state, pkce));
        return browser.click(login, "continue-with-" + provider);
    }

    private static HtmlPage submitLinkPassword(Browser browser, HtmlPage link, String password) throws Exception {
        link.<HtmlForm>getHtmlElementById("link-form").getInputByName("password").type(password);
        return browser.click(link, "link");
    }

    private UUID linkedUser(UUID upstreamSubject) {
        return jdbc.sql("SELECT user_id FROM federated_identity WHERE provider_id = 'upstream' AND subject = ?")
                .param(upstreamSubject.toString())
                .query(UUID.class).optional().orElse(null);
    }

    private static Reply exchange(OAuthHttp http, String code, Pkce pkce) {
        return http.post("/oauth2/token", "demo-web", "demo-web-secret", Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT_URI, "code_verifier", pkce.verifier()));
    }
}
