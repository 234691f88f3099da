package dev.tollgate.auth.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.util.UriComponentsBuilder;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.Pkce;

/** Bad authorization requests and bad uses of what they return. Alice has already approved demo-web. */
@AuthServerTest
class AuthorizationErrorsTest extends HttpTest {

    private static final String REDIRECT_URI = AuthServerTest.DEMO_WEB_REDIRECT_URI;

    Browser alice;

    @BeforeEach
    void aliceIsSignedInAndHasApprovedTheDemoApp() throws Exception {
        alice = new Browser(http.baseUrl());
        HtmlPage login = alice.open(Browser.authorizePath("demo-web", REDIRECT_URI, "openid books.read", "s",
                Pkce.create()));
        Object afterSignIn = alice.signIn(login, "alice", "alice-password");
        if (afterSignIn instanceof HtmlPage consent && consent.getElementById("approve") != null) {
            alice.click(consent, "approve");
        }
    }

    @AfterEach
    void closeBrowser() {
        alice.close();
    }

    @Test
    void anUnknownClientIsShownAnErrorAndNotRedirected() throws Exception {
        HtmlPage page = alice.open(Browser.authorizePath("nobody", REDIRECT_URI, "openid", "s", Pkce.create()));
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(alice.callback()).isNull();
    }

    @Test
    void anUnregisteredRedirectUriIsShownAnErrorAndNotRedirected() throws Exception {
        HtmlPage page = alice.open(Browser.authorizePath("demo-web", "https://evil.example/cb", "openid", "s",
                Pkce.create()));
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(page.getWebResponse().getContentAsString()).doesNotContain("Exception", "at org.");
        assertThat(alice.callback()).isNull();
    }

    @Test
    void theLoopbackPortExceptionAppliesToLoopbackIpsOnly() throws Exception {
        alice.open(Browser.authorizePath("demo-cli", "http://localhost:53121/callback", "openid", "s", Pkce.create()));
        assertThat(alice.callback()).isNull();
    }

    @Test
    void thePlainPkceMethodIsRefusedWithTheIssuer() throws Exception {
        String path = UriComponentsBuilder.fromPath("/oauth2/authorize")
                .queryParam("response_type", "code").queryParam("client_id", "demo-web")
                .queryParam("redirect_uri", REDIRECT_URI).queryParam("scope", "openid").queryParam("state", "p1")
                .queryParam("code_challenge", "plain-challenge-plain-challenge-plain-challenge")
                .queryParam("code_challenge_method", "plain").build().toUriString();
        alice.open(path);
        assertThat(alice.callbackParameters()).containsEntry("error", "invalid_request")
                .containsEntry("state", "p1").containsEntry("iss", AuthServerTest.ISSUER);
    }

    @Test
    void aMissingCodeChallengeIsRefused() throws Exception {
        String path = UriComponentsBuilder.fromPath("/oauth2/authorize")
                .queryParam("response_type", "code").queryParam("client_id", "demo-web")
                .queryParam("redirect_uri", REDIRECT_URI).queryParam("scope", "openid").queryParam("state", "p2")
                .build().toUriString();
        alice.open(path);
        assertThat(alice.callbackParameters()).containsEntry("error", "invalid_request")
                .containsEntry("iss", AuthServerTest.ISSUER);
    }

    @Test
    void theCliAskingForAnAdminScopeItHasNotRegisteredGetsInvalidScope() throws Exception {
        alice.open(Browser.authorizePath("demo-cli", "http://127.0.0.1:40000/callback", "openid books.write", "c1",
                Pkce.create()));
        assertThat(alice.callbackParameters()).containsEntry("error", "invalid_scope")
                .containsEntry("state", "c1").containsEntry("iss", AuthServerTest.ISSUER);
    }

    @Test
    void unauthenticatedBrowsersAreSentToTheSignInPage() {
        Reply reply = http.get(Browser.authorizePath("demo-web", REDIRECT_URI, "openid", "s", Pkce.create()));
        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.location()).endsWith("/login");
    }

    @Test
    void aMissingCodeVerifierIsInvalidGrant() throws Exception {
        String code = codeFor(Pkce.create());
        assertError(http.post("/oauth2/token", "demo-web", "demo-web-secret",
                Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI)),
                "invalid_grant");
    }

    @Test
    void aWrongCodeVerifierIsInvalidGrant() throws Exception {
        String code = codeFor(Pkce.create());
        assertError(exchange(code, Pkce.create().verifier()), "invalid_grant");
    }

    @Test
    void aCodeUsedTwiceIsInvalidGrantAndRevokesTheTokensIssuedFromIt() throws Exception {
        Pkce pkce = Pkce.create();
        String code = codeFor(pkce);
        Reply first = exchange(code, pkce.verifier());
        assertThat(first.status()).as(first.toString()).isEqualTo(200);

        assertError(exchange(code, pkce.verifier()), "invalid_grant");
        assertThat(http.introspect(first.field("access_token")).field("active")).isEqualTo("false");
        assertThat(http.introspect(first.field("refresh_token")).field("active")).isEqualTo("false");
    }

    @Test
    void aRefreshTokenOfAnotherClientIsInvalidGrant() throws Exception {
        Pkce pkce = Pkce.create();
        String refreshToken = exchange(codeFor(pkce), pkce.verifier()).field("refresh_token");
        assertError(http.post("/oauth2/token", "demo-service", "demo-service-secret",
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)), "invalid_grant");
    }

    @Test
    void aRedirectUriDifferentFromTheAuthorizationRequestIsInvalidGrant() throws Exception {
        Pkce pkce = Pkce.create();
        String code = codeFor(pkce);
        assertError(http.post("/oauth2/token", "demo-web", "demo-web-secret", Map.of("grant_type",
                "authorization_code", "code", code, "redirect_uri", "http://127.0.0.1:8081/login/oauth2/code/tollgate",
                "code_verifier", pkce.verifier())), "invalid_grant");
    }

    private String codeFor(Pkce pkce) throws Exception {
        alice.open(Browser.authorizePath("demo-web", REDIRECT_URI, "openid books.read", "s", pkce));
        return alice.callbackParameters().get("code");
    }

    private Reply exchange(String code, String verifier) {
        return http.post("/oauth2/token", "demo-web", "demo-web-secret", Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT_URI, "code_verifier", verifier));
    }

    private static void assertError(Reply reply, String error) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.field("error")).as(reply.toString()).isEqualTo(error);
    }
}
