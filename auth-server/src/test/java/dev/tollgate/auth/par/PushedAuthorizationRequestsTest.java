package dev.tollgate.auth.par;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.testsupport.TestClock;

/**
 * Pushed authorization requests (RFC 9126) with a real client library (Nimbus OAuth 2.0 SDK) and a browser
 * (HtmlUnit): demo-web pushes, the browser brings only client_id and request_uri, and every rule of the
 * authorization endpoint still holds for what was pushed.
 */
@AuthServerTest
class PushedAuthorizationRequestsTest extends HttpTest {

    static final String REDIRECT_URI = AuthServerTest.DEMO_WEB_REDIRECT_URI;

    static final ClientID DEMO_WEB = new ClientID("demo-web");

    static final ClientAuthentication DEMO_WEB_SECRET = new ClientSecretBasic(DEMO_WEB, new Secret("demo-web-secret"));

    @Autowired
    TestClock clock;

    @Autowired
    PushedRequests pushedRequests;

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwords;

    @Test
    void demoWebPushesAndAliceSignsInWithOnlyTheRequestUriInHerBrowser() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        PushedAuthorizationResponse pushed = push(DEMO_WEB_SECRET,
                request(verifier, "openid profile books.read books.write").build());

        assertThat(pushed.indicatesSuccess()).as(String.valueOf(pushed.toHTTPResponse().getBody())).isTrue();
        URI requestUri = pushed.toSuccessResponse().getRequestURI();
        assertThat(requestUri.toString()).startsWith("urn:ietf:params:oauth:request_uri:");
        assertThat(pushed.toSuccessResponse().getLifetime()).isEqualTo(60);
        assertThat(pushed.toHTTPResponse().getStatusCode()).isEqualTo(201);

        try (Browser browser = new Browser(http.baseUrl())) {
            Map<String, String> callback = signInAndApprove(browser, authorizeWith(requestUri), "alice");
            assertThat(callback).containsEntry("state", "par-state").containsEntry("iss", AuthServerTest.ISSUER);

            TokenResponse tokens = redeem(callback.get("code"), verifier);
            assertThat(tokens.indicatesSuccess()).isTrue();
            // admin-only books.write is dropped for alice, as for a plain request
            assertThat(tokens.toSuccessResponse().getTokens().getAccessToken().getScope())
                    .isEqualTo(new Scope("openid", "profile", "books.read"));

            HtmlPage again = browser.open(authorizeWith(requestUri));
            assertThat(browser.callback()).as("a request_uri brings one code").isNull();
            assertThat(again.getWebResponse().getStatusCode()).isEqualTo(400);
            assertRefused(requestUri, "demo-web", "already used");
        }
    }

    @Test
    void aRequestUriExpiresAfterSixtySeconds() throws Exception {
        URI requestUri = pushedRequestUri(request(new CodeVerifier(), "openid").build());
        clock.advance(Duration.ofSeconds(61));

        try (Browser browser = new Browser(http.baseUrl())) {
            Page page = browser.open(authorizeWith(requestUri));

            assertThat(browser.callback()).isNull();
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
            assertRefused(requestUri, "demo-web", "expired");
        }
    }

    @Test
    void aRequestUriIsBoundToTheClientThatPushedIt() throws Exception {
        URI requestUri = pushedRequestUri(request(new CodeVerifier(), "openid").build());

        try (Browser browser = new Browser(http.baseUrl())) {
            Page page = browser.open(new AuthorizationRequest.Builder(requestUri, new ClientID("demo-cli"))
                    .endpointURI(URI.create("/oauth2/authorize")).build().toURI().toString());

            assertThat(browser.callback()).isNull();
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
            assertRefused(requestUri, "demo-cli", "another client");
        }
    }

    @Test
    void aRequestUriGivesOneCodeToParallelRequests() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            signInAndApprove(browser, authorizeWith(pushedRequestUri(request(new CodeVerifier(), "openid").build())),
                    "alice");
            String session = browser.sessionCookie();
            URI requestUri = pushedRequestUri(request(new CodeVerifier(), "openid").build());
            HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            HttpRequest authorize = HttpRequest.newBuilder(URI.create(http.baseUrl() + authorizeWith(requestUri)))
                    .header("Cookie", "TOLLGATE_SESSION=" + session).build();

            List<HttpResponse<String>> answers = Concurrently.times(8,
                    () -> client.send(authorize, HttpResponse.BodyHandlers.ofString()));

            List<String> codes = answers.stream()
                    .map(answer -> answer.headers().firstValue("Location").orElse(""))
                    .filter(location -> location.startsWith(REDIRECT_URI) && location.contains("code="))
                    .toList();
            assertThat(codes).as(answers.toString()).hasSize(1);
            assertThat(answers).filteredOn(answer -> answer.statusCode() == 400).hasSize(7);
        }
    }

    @Test
    void aRequestUriOpenedTwiceGivesACodeOnlyToTheConsentApprovedFirst() throws Exception {
        TollgateUser user = new TestUsers(users, passwords).create("parker");
        URI requestUri = pushedRequestUri(request(new CodeVerifier(), "openid profile").build());

        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage consent = browser.signIn(browser.open(authorizeWith(requestUri)), user.username(),
                    TestUsers.PASSWORD);
            HtmlPage secondTab = browser.open(authorizeWith(requestUri));
            assertThat(consent.getElementById("approve")).as("consent is asked, as for a plain request").isNotNull();
            assertThat(secondTab.getElementById("approve")).isNotNull();

            browser.click(consent, "approve");
            assertThat(browser.callbackParameters()).containsKey("code").containsEntry("state", "par-state");

            Page refused = browser.click(secondTab, "approve");
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(refused.getUrl().toString()).as("no second callback").startsWith(http.baseUrl());
        }
    }

    @Test
    void promptLoginThroughAPushedRequestAsksForTheSignInAgain() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            signInAndApprove(browser, authorizeWith(pushedRequestUri(request(new CodeVerifier(), "openid").build())),
                    "alice");

            URI requestUri = pushedRequestUri(request(new CodeVerifier(), "openid")
                    .customParameter("prompt", "login").build());
            HtmlPage page = browser.open(authorizeWith(requestUri));

            assertThat(page.getElementById("login-form")).as("signed in, yet asked again").isNotNull();
            browser.signIn(page, "alice", "alice-password");
            assertThat(browser.callbackParameters()).containsKey("code").containsEntry("state", "par-state");
        }
    }

    @Test
    void promptNoneThroughAPushedRequestAnswersLoginRequiredToASignedOutBrowser() throws Exception {
        URI requestUri = pushedRequestUri(request(new CodeVerifier(), "openid")
                .customParameter("prompt", "none").build());

        try (Browser browser = new Browser(http.baseUrl())) {
            browser.open(authorizeWith(requestUri));

            assertThat(browser.callbackParameters()).containsEntry("error", "login_required")
                    .containsEntry("state", "par-state");
        }
    }

    @Test
    void aPushIsCheckedAsTheAuthorizationEndpointWouldCheckIt() throws Exception {
        assertThat(pushError(request(new CodeVerifier(), "openid")
                .redirectionURI(URI.create("https://evil.example/callback")).build())).isEqualTo("invalid_request");
        assertThat(pushError(new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE), DEMO_WEB)
                .redirectionURI(URI.create(REDIRECT_URI)).scope(Scope.parse("openid")).build()))
                .as("no PKCE").isEqualTo("invalid_request");
        assertThat(pushError(request(new CodeVerifier(), "openid")
                .codeChallenge(new CodeVerifier(), CodeChallengeMethod.PLAIN).build()))
                .as("PKCE plain").isEqualTo("invalid_request");
        assertThat(pushError(request(new CodeVerifier(), "openid tollgate.admin").build())).isEqualTo("invalid_scope");
        assertThat(pushError(request(new CodeVerifier(), "openid").customParameter("max_age", "soon").build()))
                .isEqualTo("invalid_request");
        assertThat(pushError(request(new CodeVerifier(), "openid").customParameter("prompt", "none login").build()))
                .isEqualTo("invalid_request");
        assertThat(pushError(request(new CodeVerifier(), "openid").customParameter("request", "e30.e30.").build()))
                .isEqualTo("invalid_request");
        assertThat(pushError(request(new CodeVerifier(), "openid")
                .customParameter("request_uri", "urn:ietf:params:oauth:request_uri:x").build()))
                .isEqualTo("invalid_request");
    }

    @Test
    void aPublicClientCannotPush() throws Exception {
        PushedAuthorizationRequest push = new PushedAuthorizationRequest(URI.create(http.baseUrl() + "/oauth2/par"),
                new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE), new ClientID("demo-cli"))
                        .redirectionURI(URI.create("http://127.0.0.1:53999/callback")).scope(Scope.parse("openid"))
                        .codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256).build());
        PushedAuthorizationResponse refused = PushedAuthorizationResponse.parse(push.toHTTPRequest().send());

        assertThat(refused.indicatesSuccess()).isFalse();
        assertThat(refused.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(401);
        assertThat(refused.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client");
    }

    @Test
    void aWrongClientSecretCannotPush() throws Exception {
        String error = PushedAuthorizationResponse.parse(new PushedAuthorizationRequest(
                URI.create(http.baseUrl() + "/oauth2/par"), new ClientSecretBasic(DEMO_WEB, new Secret("wrong")),
                request(new CodeVerifier(), "openid").build()).toHTTPRequest().send())
                .toErrorResponse().getErrorObject().getCode();

        assertThat(error).isEqualTo("invalid_client");
    }

    /** Why the error page was shown: the page tells the user only that the request was bad. */
    void assertRefused(URI requestUri, String clientId, String reason) {
        assertThatThrownBy(() -> pushedRequests.find(requestUri.toString(), clientId))
                .isInstanceOfSatisfying(OAuth2AuthorizationCodeRequestAuthenticationException.class, refusal -> {
                    assertThat(refusal.getError().getErrorCode()).isEqualTo("invalid_request_uri");
                    assertThat(refusal.getError().getDescription()).contains(reason);
                });
    }

    static AuthorizationRequest.Builder request(CodeVerifier verifier, String scope) {
        return new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE), DEMO_WEB)
                .redirectionURI(URI.create(REDIRECT_URI))
                .scope(Scope.parse(scope))
                .state(new State("par-state"))
                .codeChallenge(verifier, CodeChallengeMethod.S256);
    }

    PushedAuthorizationResponse push(ClientAuthentication client, AuthorizationRequest request) throws Exception {
        HTTPResponse response = new PushedAuthorizationRequest(URI.create(http.baseUrl() + "/oauth2/par"), client,
                request).toHTTPRequest().send();
        return PushedAuthorizationResponse.parse(response);
    }

    URI pushedRequestUri(AuthorizationRequest request) throws Exception {
        PushedAuthorizationResponse pushed = push(DEMO_WEB_SECRET, request);
        assertThat(pushed.indicatesSuccess()).as(String.valueOf(pushed.toHTTPResponse().getBody())).isTrue();
        return pushed.toSuccessResponse().getRequestURI();
    }

    String pushError(AuthorizationRequest request) throws Exception {
        PushedAuthorizationResponse refused = push(DEMO_WEB_SECRET, request);
        assertThat(refused.indicatesSuccess()).isFalse();
        assertThat(refused.toHTTPResponse().getStatusCode()).isEqualTo(400);
        return refused.toErrorResponse().getErrorObject().getCode();
    }

    /** The authorization request a client sends the browser with after pushing (RFC 9126 section 4). */
    static String authorizeWith(URI requestUri) {
        return new AuthorizationRequest.Builder(requestUri, DEMO_WEB).endpointURI(URI.create("/oauth2/authorize"))
                .build().toURI().toString();
    }

    static Map<String, String> signInAndApprove(Browser browser, String path, String username) throws Exception {
        HtmlPage page = browser.open(path);
        if (page.getElementById("login-form") != null) {
            page = browser.signIn(page, username, username + "-password");
        }
        if (browser.callback() == null) {
            browser.click(page, "approve");
        }
        return browser.callbackParameters();
    }

    TokenResponse redeem(String code, CodeVerifier verifier) throws Exception {
        return TokenResponse.parse(new TokenRequest(URI.create(http.baseUrl() + "/oauth2/token"), DEMO_WEB_SECRET,
                new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(REDIRECT_URI), verifier))
                .toHTTPRequest().send());
    }
}
