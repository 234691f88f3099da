package dev.tollgate.auth.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.util.UriComponentsBuilder;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.Pkce;

/** RFC 7009 revocation, and signing out at Tollgate revoking what was issued in that browser session. */
@AuthServerTest
@ExtendWith(OutputCaptureExtension.class)
class RevocationAndLogoutTest extends HttpTest {

    Grants grants;

    @BeforeEach
    void setUp() {
        grants = new Grants(http);
    }

    @Test
    void revokingARefreshTokenEndsTheAccessTokenIssuedWithIt(CapturedOutput output) throws Exception {
        Reply tokens = grants.aliceTokens(Client.DEMO_WEB, "books.read");
        assertThat(grants.isActive(tokens.field("access_token"))).isTrue();

        Reply revoked = grants.revoke(Client.DEMO_WEB, tokens.field("refresh_token"));

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(grants.isActive(tokens.field("access_token"))).isFalse();
        assertThat(grants.refresh(Client.DEMO_WEB, tokens.field("refresh_token")).field("error"))
                .isEqualTo("invalid_grant");
        assertThat(output.getAll()).contains("event=TOKEN_REVOKED client=demo-web")
                .doesNotContain(tokens.field("refresh_token"));
    }

    @Test
    void revokingAnOpaqueAccessTokenMakesItInactiveAtOnce() {
        String token = http.clientCredentials("demo-service-opaque", "demo-service-opaque-secret", null)
                .field("access_token");

        http.post("/oauth2/revoke", "demo-service-opaque", "demo-service-opaque-secret",
                Map.of("token", token, "token_type_hint", "access_token"));

        assertThat(grants.isActive(token)).isFalse();
    }

    @Test
    void revokingAnUnknownTokenAnswers200AsTheRfcSays() {
        assertThat(grants.revoke(Client.DEMO_WEB, "no-such-token").status()).isEqualTo(200);
    }

    @Test
    void signingOutOnTheSignOutPageRevokesTheTokensIssuedInThatBrowserSessionOnly(CapturedOutput output)
            throws Exception {
        Reply otherSession = grants.aliceTokens(Client.DEMO_WEB, "books.read");
        try (Browser browser = new Browser(http.baseUrl())) {
            Reply web = grants.exchange(grants.authorize(browser, Client.DEMO_WEB, "alice", "alice-password",
                    "books.read"));
            Reply cli = grants.exchange(grants.authorize(browser, Client.DEMO_CLI, "alice", "alice-password",
                    "books.read"));

            HtmlPage signOut = browser.open("/logout");
            HtmlPage signedOut = browser.click(signOut, "sign-out");

            assertThat(signedOut.getUrl().toString()).endsWith("/login?logout");
            assertThat(grants.refresh(Client.DEMO_WEB, web.field("refresh_token")).field("error"))
                    .isEqualTo("invalid_grant");
            assertThat(grants.refresh(Client.DEMO_CLI, cli.field("refresh_token")).field("error"))
                    .isEqualTo("invalid_grant");
            assertThat(grants.isActive(web.field("access_token"))).isFalse();
        }
        assertThat(grants.refresh(Client.DEMO_WEB, otherSession.field("refresh_token")).status())
                .as("another browser session's grant").isEqualTo(200);
        assertThat(output.getAll()).contains("event=SESSION_TOKENS_REVOKED authorizations=2");
    }

    @Test
    void rpInitiatedLogoutEndsTheSessionAndRevokesItsTokens() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Reply tokens = grants.exchange(grants.authorize(browser, Client.DEMO_WEB, "alice", "alice-password",
                    "openid books.read"));

            browser.open(UriComponentsBuilder.fromPath("/connect/logout")
                    .queryParam("id_token_hint", tokens.field("id_token"))
                    .queryParam("post_logout_redirect_uri", "http://localhost:8081/")
                    .queryParam("state", "bye")
                    .build().toUriString());

            assertThat(browser.callback().toString()).startsWith("http://localhost:8081/");
            assertThat(browser.callbackParameters()).containsEntry("state", "bye");
            assertThat(grants.refresh(Client.DEMO_WEB, tokens.field("refresh_token")).field("error"))
                    .isEqualTo("invalid_grant");
            HtmlPage afterwards = browser.open(Browser.authorizePath("demo-web", Client.DEMO_WEB.redirectUri(),
                    "books.read", "again", Pkce.create()));
            assertThat(afterwards.getElementById("login-form")).as("the session ended").isNotNull();
        }
    }
}
