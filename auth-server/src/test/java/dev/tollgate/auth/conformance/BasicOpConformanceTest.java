package dev.tollgate.auth.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import dev.tollgate.auth.conformance.RelyingParty.AuthenticationRequest;
import dev.tollgate.auth.conformance.RelyingParty.Tokens;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.testsupport.TestClock;

/**
 * What the OpenID Foundation's conformance suite checks in its Basic OP plan ({@code oidcc-basic-certification-test-plan},
 * modules of {@code net.openid.conformance.openid}), each test named after the module it follows: a code-flow client
 * (demo-web) and a user in a real browser against the real endpoints.
 */
@AuthServerTest
class BasicOpConformanceTest extends HttpTest {

    @Autowired
    RegisteredClientRepository clients;

    @Autowired
    OAuth2AuthorizationConsentService consents;

    @Autowired
    UserRepository users;

    @Autowired
    TestClock clock;

    RelyingParty rp;

    @BeforeEach
    void aClientOfTheOp() {
        rp = new RelyingParty(http);
    }

    /** oidcc-server: the happy path every other module starts from. */
    @Test
    void oidccServer_aCodeFlowSignInGivesASignedIdTokenWithEveryRequiredClaim() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            AuthenticationRequest request = rp.request();
            Map<String, String> callback = rp.finish(browser, rp.open(browser, request), "alice", "alice-password");
            assertThat(callback).containsEntry("state", request.state()).containsEntry("iss", AuthServerTest.ISSUER);
            JWTClaimsSet idToken = rp.redeem(request, callback).idToken();

            assertThat(idToken.getIssuer()).isEqualTo(AuthServerTest.ISSUER);
            assertThat(idToken.getSubject()).isEqualTo(users.findByUsername("alice").orElseThrow().id().toString());
            assertThat(idToken.getAudience()).containsExactly(RelyingParty.CLIENT.id());
            assertThat(idToken.getStringClaim("nonce")).isEqualTo(request.nonce());
            assertThat(idToken.getIssueTime()).isNotNull();
            assertThat(idToken.getExpirationTime()).isAfter(idToken.getIssueTime());
            assertThat(idToken.getClaim("auth_time")).as("auth_time in every ID token").isNotNull();
            assertThat(idToken.getStringClaim("sid")).as("sid in every ID token").isNotBlank();
        }
    }

    /** oidcc-ensure-request-without-nonce-succeeds-for-code-flow: nonce is optional in the code flow. */
    @Test
    void oidccEnsureRequestWithoutNonceSucceedsForCodeFlow() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Tokens tokens = rp.signIn(browser, "alice", "alice-password", "nonce", null);
            assertThat(tokens.idToken().getClaim("nonce")).isNull();
        }
    }

    /** oidcc-ensure-request-with-unknown-parameter-succeeds: unknown parameters are ignored. */
    @Test
    void oidccEnsureRequestWithUnknownParameterSucceeds() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            assertThat(rp.signIn(browser, "alice", "alice-password", "extra", "foobar").idToken()).isNotNull();
        }
    }

    /** oidcc-ensure-registered-redirect-uri: an unregistered redirect_uri gets an error page, never a redirect. */
    @Test
    void oidccEnsureRegisteredRedirectUri_anUnregisteredRedirectUriIsAnErrorPageNotARedirect() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage page = browser.open(rp.request("redirect_uri", "https://attacker.example/callback").path());
            assertThat(browser.callback()).isNull();
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
        }
    }

    /** oidcc-redirect-uri-query-added: a query the registration does not have is another redirect URI. */
    @Test
    void oidccRedirectUriQueryAdded_isRefusedWithAnErrorPage() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            browser.open(rp.request("redirect_uri", RelyingParty.CLIENT.redirectUri() + "?foo=bar").path());
            assertThat(browser.callback()).isNull();
        }
    }

    /** oidcc-response-type-missing: the error goes back to the registered redirect URI, with state and iss. */
    @Test
    void oidccResponseTypeMissing_isAnErrorAndNoCode() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            browser.open(rp.request("response_type", null).path());
            if (browser.callback() != null) {
                assertThat(browser.callbackParameters()).containsKey("error").doesNotContainKey("code");
            }
        }
    }

    /** oidcc-prompt-none-not-logged-in: prompt=none never shows a page. */
    @Test
    void oidccPromptNoneNotLoggedIn_redirectsWithLoginRequiredStateAndIss() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            AuthenticationRequest request = rp.request("prompt", "none");
            HtmlPage page = rp.open(browser, request);
            assertThat(page).as("no page is shown").isNull();
            assertThat(browser.callbackParameters()).containsEntry("error", "login_required")
                    .containsEntry("state", request.state()).containsEntry("iss", AuthServerTest.ISSUER)
                    .doesNotContainKey("code");
        }
    }

    /** oidcc-prompt-none-logged-in: with a session, prompt=none answers at once, from the same sign-in. */
    @Test
    void oidccPromptNoneLoggedIn_issuesACodeWithoutAnyPageFromTheSameSignIn() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Tokens first = rp.signIn(browser, "alice", "alice-password");
            AuthenticationRequest again = rp.request("prompt", "none");
            assertThat(rp.open(browser, again)).as("no page is shown").isNull();
            Tokens second = rp.redeem(again, browser.callbackParameters());
            assertThat(second.idToken().getSubject()).isEqualTo(first.idToken().getSubject());
            assertThat(second.authTime()).isEqualTo(first.authTime());
            assertThat(second.sid()).isEqualTo(first.sid());
        }
    }

    /** A client that requires consent, asked with prompt=none before the user ever approved it. */
    @Test
    void promptNoneWithoutRememberedConsent_redirectsWithConsentRequired() throws Exception {
        withdrawConsent("alice");
        try (Browser browser = new Browser(http.baseUrl())) {
            rp.finish(browser, rp.open(browser, rp.request("prompt", "login")), "alice", "alice-password");
            withdrawConsent("alice");
            AuthenticationRequest request = rp.request("prompt", "none", "scope", "openid profile email");
            assertThat(rp.open(browser, request)).as("no page is shown").isNull();
            assertThat(browser.callbackParameters()).containsEntry("error", "consent_required")
                    .containsEntry("state", request.state()).containsEntry("iss", AuthServerTest.ISSUER);
        }
    }

    /** oidcc-prompt-login: the user signs in again, and the new ID token says so. */
    @Test
    void oidccPromptLogin_showsTheLoginPageAgainAndAuthTimeMovesOn() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Tokens first = rp.signIn(browser, "alice", "alice-password");
            // the second sign-in's auth_time must be a later second
            clock.advance(Duration.ofSeconds(2));
            AuthenticationRequest request = rp.request("prompt", "login");
            HtmlPage page = rp.open(browser, request);
            assertThat(page).as("a page is shown, not a code").isNotNull();
            assertThat(page.getElementById("login-form")).as("the login page").isNotNull();
            Tokens second = rp.redeem(request, rp.finish(browser, page, "alice", "alice-password"));
            assertThat(second.authTime()).isGreaterThan(first.authTime());
            assertThat(second.idToken().getSubject()).isEqualTo(first.idToken().getSubject());
        }
    }

    /** oidcc-max-age-1: a sign-in older than max_age is done again before a code is issued. */
    @Test
    void oidccMaxAge1_aSignInOlderThanMaxAgeIsDoneAgain() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Tokens first = rp.signIn(browser, "alice", "alice-password");
            clock.advance(Duration.ofSeconds(2));
            AuthenticationRequest request = rp.request("max_age", "1");
            HtmlPage page = rp.open(browser, request);
            assertThat(page).as("a page is shown, not a code").isNotNull();
            assertThat(page.getElementById("login-form")).as("the login page").isNotNull();
            Tokens second = rp.redeem(request, rp.finish(browser, page, "alice", "alice-password"));
            assertThat(second.authTime()).isGreaterThan(first.authTime());
        }
    }

    /** max_age=0 asks for a sign-in every time, and the fresh sign-in then counts. */
    @Test
    void maxAgeZero_alwaysAsksForAFreshSignIn() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            rp.signIn(browser, "alice", "alice-password");
            AuthenticationRequest request = rp.request("max_age", "0");
            HtmlPage page = rp.open(browser, request);
            assertThat(page).isNotNull();
            assertThat(page.getElementById("login-form")).as("the login page").isNotNull();
            Tokens fresh = rp.redeem(request, rp.finish(browser, page, "alice", "alice-password"));
            assertThat(fresh.authTime()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(5L));

            HtmlPage again = rp.open(browser, rp.request("max_age", "0"));
            assertThat(again).isNotNull();
            assertThat(again.getElementById("login-form")).as("and again").isNotNull();
        }
    }

    /** oidcc-max-age-10000: a recent enough sign-in is kept, and auth_time says when it was. */
    @Test
    void oidccMaxAge10000_keepsTheSignInAndItsAuthTime() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Tokens first = rp.signIn(browser, "alice", "alice-password");
            AuthenticationRequest request = rp.request("max_age", "10000");
            assertThat(rp.open(browser, request)).as("no page is shown").isNull();
            assertThat(rp.redeem(request, browser.callbackParameters()).authTime()).isEqualTo(first.authTime());
        }
    }

    /** prompt=none cannot sign the user in again: a stale sign-in is login_required. */
    @Test
    void promptNoneWithASignInOlderThanMaxAge_redirectsWithLoginRequired() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            rp.signIn(browser, "alice", "alice-password");
            clock.advance(Duration.ofMillis(1500));
            AuthenticationRequest request = rp.request("prompt", "none", "max_age", "1");
            assertThat(rp.open(browser, request)).as("no page is shown").isNull();
            assertThat(browser.callbackParameters()).containsEntry("error", "login_required")
                    .containsEntry("state", request.state()).containsEntry("iss", AuthServerTest.ISSUER);
        }
    }

    /** prompt=consent shows the consent page although the user approved these scopes before. */
    @Test
    void promptConsent_showsTheConsentPageEvenWhenConsentIsRemembered() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            rp.signIn(browser, "alice", "alice-password", "scope", "openid profile email");
            AuthenticationRequest remembered = rp.request("scope", "openid profile email");
            assertThat(rp.open(browser, remembered)).as("consent is remembered").isNull();

            AuthenticationRequest request = rp.request("scope", "openid profile email", "prompt", "consent");
            HtmlPage page = rp.open(browser, request);
            assertThat(page).as("the consent page is shown").isNotNull();
            assertThat(page.getElementById("approve")).isNotNull();
            assertThat(rp.redeem(request, rp.finish(browser, page, "alice", "alice-password")).idToken()).isNotNull();
        }
    }

    /** oidcc-login-hint: the login page has the hinted username filled in. */
    @Test
    void oidccLoginHint_prefillsTheUsername() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage page = rp.open(browser, rp.request("login_hint", "alice"));
            assertThat(page.getHtmlElementById("username").getAttribute("value")).isEqualTo("alice");
        }
    }

    /** oidcc-id-token-hint: prompt=none with the ID token of the signed-in user answers for that user. */
    @Test
    void oidccIdTokenHint_withPromptNoneAnswersForTheSameUser() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Tokens first = rp.signIn(browser, "alice", "alice-password");
            AuthenticationRequest request = rp.request("prompt", "none", "id_token_hint", first.idTokenValue());
            assertThat(rp.open(browser, request)).isNull();
            assertThat(rp.redeem(request, browser.callbackParameters()).idToken().getSubject())
                    .isEqualTo(first.idToken().getSubject());
        }
    }

    /** oidcc-ensure-post-request-succeeds: the request sent by POST survives the sign-in it needs. */
    @Test
    void oidccEnsurePostRequestSucceeds_evenWhenTheUserMustSignInFirst() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            AuthenticationRequest request = rp.request();
            HtmlPage login = browser.post("/oauth2/authorize", request.form());
            assertThat(login.getElementById("login-form")).isNotNull();
            Tokens tokens = rp.redeem(request, rp.finish(browser, login, "alice", "alice-password"));
            assertThat(tokens.idToken().getStringClaim("nonce")).isEqualTo(request.nonce());
        }
    }

    /** oidcc-refresh-token: a refreshed ID token is about the same user, sign-in and session. */
    @Test
    void oidccRefreshToken_theRefreshedIdTokenKeepsSubAuthTimeAndSid() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Tokens first = rp.signIn(browser, "alice", "alice-password");
            Tokens refreshed = rp.refresh(first);
            JWTClaimsSet idToken = refreshed.idToken();
            assertThat(idToken.getSubject()).isEqualTo(first.idToken().getSubject());
            assertThat(idToken.getIssuer()).isEqualTo(first.idToken().getIssuer());
            assertThat(idToken.getAudience()).isEqualTo(first.idToken().getAudience());
            assertThat(refreshed.authTime()).isEqualTo(first.authTime());
            assertThat(refreshed.sid()).isEqualTo(first.sid());
        }
    }

    /** oidcc-codereuse: a code works once. */
    @Test
    void oidccAuthCodeReuse_theSecondRedemptionIsInvalidGrant() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            AuthenticationRequest request = rp.request();
            Map<String, String> callback = rp.finish(browser, rp.open(browser, request), "alice", "alice-password");
            rp.redeem(request, callback);
            Reply again = http.post("/oauth2/token", RelyingParty.CLIENT.id(), RelyingParty.CLIENT.secret(), Map.of(
                    "grant_type", "authorization_code", "code", callback.get("code"),
                    "redirect_uri", RelyingParty.CLIENT.redirectUri(), "code_verifier", request.pkce().verifier()));
            assertThat(again.status()).isEqualTo(400);
            assertThat(again.field("error")).isEqualTo("invalid_grant");
        }
    }

    /** oidcc-idtoken-rs256 and oidcc-idtoken-signature: signed with a key of the JWKS, never typed as an access token. */
    @Test
    void oidccIdTokenSignature_isVerifiedByTheJwksAndIsNotAnAccessToken() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Tokens tokens = rp.signIn(browser, "alice", "alice-password");
            SignedJWT idToken = SignedJWT.parse(tokens.idTokenValue());
            assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
            assertThat(idToken.getHeader().getKeyID()).isNotBlank();
            assertThat(idToken.getHeader().getType()).isNull();
        }
    }

    /** oidcc-userinfo-get, oidcc-userinfo-post-header, oidcc-userinfo-post-body: the same user whichever way. */
    @Test
    void oidccUserInfo_getPostHeaderAndPostBodyAnswerForTheIdTokensSubject() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Tokens tokens = rp.signIn(browser, "alice", "alice-password");
            String accessToken = tokens.reply().field("access_token");
            String sub = tokens.idToken().getSubject();

            assertThat(http.getWithBearer("/userinfo", accessToken).field("sub")).isEqualTo(sub);
            Reply postHeader = http.postWithBearer("/userinfo", accessToken);
            assertThat(postHeader.status()).as(postHeader.toString()).isEqualTo(200);
            assertThat(postHeader.field("sub")).isEqualTo(sub);
            Reply postBody = http.post("/userinfo", Map.of("access_token", accessToken));
            if (postBody.status() == 200) {
                assertThat(postBody.field("sub")).isEqualTo(sub);
            }
            else {
                assertThat(postBody.status()).as("a body token is optional (RFC 6750 2.2), but never a 5xx")
                        .isEqualTo(401);
            }
        }
    }

    private void withdrawConsent(String username) {
        String principal = users.findByUsername(username).orElseThrow().id().toString();
        String clientId = clients.findByClientId(RelyingParty.CLIENT.id()).getId();
        OAuth2AuthorizationConsent consent = consents.findById(clientId, principal);
        if (consent != null) {
            consents.remove(consent);
        }
    }
}
