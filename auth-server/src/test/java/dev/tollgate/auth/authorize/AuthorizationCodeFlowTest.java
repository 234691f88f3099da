package dev.tollgate.auth.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.htmlunit.html.DomAttr;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.support.SignedTokens;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

@AuthServerTest
class AuthorizationCodeFlowTest extends HttpTest {

    private static final String REDIRECT_URI = AuthServerTest.DEMO_WEB_REDIRECT_URI;

    @Autowired
    UserRepository users;

    @Autowired
    JdbcClient jdbc;

    // each story here shows the consent page: alice starts with nothing remembered, whichever test class ran before
    @BeforeEach
    void aliceHasNotConsentedToAnyClient() {
        jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE principal_name = ?")
                .param(users.findByUsername("alice").orElseThrow().id().toString())
                .update();
    }

    @Test
    void aliceSignsInToTheDemoAppAndItsTokensWorkUntilRevoked() throws Exception {
        Pkce pkce = Pkce.create();
        Map<String, String> callback = signInAndApprove("alice", "alice-password",
                "openid profile email books.read books.write", pkce);

        assertThat(callback).containsEntry("state", "xyz").containsEntry("iss", AuthServerTest.ISSUER)
                .containsKey("code");

        Reply tokens = exchange(callback.get("code"), pkce.verifier());
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        assertThat(tokens.field("scope").split(" ")).containsExactlyInAnyOrder("openid", "profile", "email", "books.read");

        String aliceId = users.findByUsername("alice").orElseThrow().id().toString();
        SignedJWT accessToken = SignedTokens.verified(tokens.field("access_token"), http);
        JWTClaimsSet claims = accessToken.getJWTClaimsSet();
        assertThat(accessToken.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(accessToken.getHeader().getKeyID()).isNotBlank();
        assertThat(claims.getIssuer()).isEqualTo(AuthServerTest.ISSUER);
        assertThat(claims.getSubject()).isEqualTo(aliceId);
        assertThat(claims.getAudience()).containsExactly(AuthServerTest.API_AUDIENCE);
        assertThat(claims.getStringClaim("scope")).isEqualTo("books.read email openid profile");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("demo-web");
        assertThat(claims.getStringListClaim("roles")).containsExactly("USER");
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("alice");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000);

        JWTClaimsSet idToken = SignedTokens.verified(tokens.field("id_token"), http).getJWTClaimsSet();
        assertThat(idToken.getSubject()).isEqualTo(aliceId);
        assertThat(idToken.getAudience()).containsExactly("demo-web");
        assertThat(idToken.getStringClaim("preferred_username")).isEqualTo("alice");
        assertThat(idToken.getStringClaim("name")).isEqualTo("Alice Example");
        assertThat(idToken.getStringClaim("email")).isEqualTo("alice@example.com");
        assertThat(idToken.getBooleanClaim("email_verified")).isTrue();

        Reply userInfo = http.getWithBearer("/userinfo", tokens.field("access_token"));
        assertThat(userInfo.status()).as(userInfo.toString()).isEqualTo(200);
        assertThat(userInfo.field("sub")).isEqualTo(aliceId);
        assertThat(userInfo.field("preferred_username")).isEqualTo("alice");
        assertThat(userInfo.field("email")).isEqualTo("alice@example.com");
        assertThat(userInfo.json().get("email_verified").asBoolean()).isTrue();

        String accessTokenValue = tokens.field("access_token");
        Reply introspected = http.introspect(accessTokenValue);
        assertThat(introspected.field("active")).isEqualTo("true");
        assertThat(introspected.field("sub")).isEqualTo(aliceId);
        assertThat(introspected.field("username")).isEqualTo("alice");
        assertThat(introspected.field("client_id")).isEqualTo("demo-web");
        assertThat(introspected.field("scope")).isEqualTo("books.read email openid profile");
        assertThat(introspected.field("token_type")).isEqualTo("Bearer");
        assertThat(introspected.json().get("roles").get(0).asString()).isEqualTo("USER");
        assertThat(introspected.json().get("exp").asLong()).isEqualTo(claims.getExpirationTime().getTime() / 1000);
        assertThat(introspected.json().get("iat").asLong()).isEqualTo(claims.getIssueTime().getTime() / 1000);
        assertThat(introspected.body()).contains(AuthServerTest.API_AUDIENCE);

        Reply revoked = http.post("/oauth2/revoke", "demo-web", "demo-web-secret", Map.of("token", accessTokenValue));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(http.introspect(accessTokenValue).field("active")).isEqualTo("false");

        Reply refreshed = refresh(tokens.field("refresh_token"));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(refreshed.field("refresh_token")).isNotBlank().isNotEqualTo(tokens.field("refresh_token"));
        assertThat(http.introspect(refreshed.field("access_token")).field("active")).isEqualTo("true");

        Reply replayedRefresh = refresh(tokens.field("refresh_token"));
        assertThat(replayedRefresh.status()).isEqualTo(400);
        assertThat(replayedRefresh.field("error")).isEqualTo("invalid_grant");
        assertThat(http.introspect(refreshed.field("access_token")).field("active"))
                .as("the replay revoked the whole family").isEqualTo("false");
        assertThat(refresh(refreshed.field("refresh_token")).field("error")).isEqualTo("invalid_grant");
    }

    @Test
    void anAdminIsGrantedTheAdminScopesThatAliceIsNot() throws Exception {
        Pkce pkce = Pkce.create();
        Map<String, String> callback = signInAndApprove("admin", "admin-password", "openid books.write users.read",
                pkce);
        Reply tokens = exchange(callback.get("code"), pkce.verifier());

        JWTClaimsSet claims = SignedTokens.verified(tokens.field("access_token"), http).getJWTClaimsSet();
        assertThat(claims.getStringClaim("scope")).isEqualTo("books.write openid users.read");
        assertThat(claims.getStringListClaim("roles")).containsExactly("ADMIN", "USER");
    }

    @Test
    void theDemoCliMayUseAnyLoopbackPortAsAPublicClient() throws Exception {
        Pkce pkce = Pkce.create();
        String redirectUri = "http://127.0.0.1:53121/callback";
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage login = browser.open(Browser.authorizePath("demo-cli", redirectUri, "openid books.read", "s1",
                    pkce));
            HtmlPage consent = browser.signIn(login, "alice", "alice-password");
            browser.click(consent, "approve");
            assertThat(browser.callback().toString()).startsWith(redirectUri + "?");
            Reply tokens = http.post("/oauth2/token", Map.of("grant_type", "authorization_code",
                    "client_id", "demo-cli", "code", browser.callbackParameters().get("code"),
                    "redirect_uri", redirectUri, "code_verifier", pkce.verifier()));
            assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
            assertThat(tokens.field("scope").split(" ")).containsExactlyInAnyOrder("openid", "books.read");
        }
    }

    @Test
    void denyingConsentSendsAccessDeniedWithTheIssuerBackToTheClient() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage login = browser.open(Browser.authorizePath("demo-web", REDIRECT_URI, "openid books.read", "d1",
                    Pkce.create()));
            HtmlPage consent = browser.signIn(login, "alice", "alice-password");
            browser.click(consent, "deny");
            assertThat(browser.callbackParameters()).containsEntry("error", "access_denied")
                    .containsEntry("state", "d1").containsEntry("iss", AuthServerTest.ISSUER);
        }
    }

    @Test
    void aRequestWithoutScopeAsksForEveryScopeTheClientMayHaveForThisUser() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            // Swagger UI (client api-docs) asks without scope when the developer ticks none
            String withoutScope = Browser.authorizePath("api-docs",
                    "http://localhost:8080/swagger-ui/oauth2-redirect.html", "openid", "n1", Pkce.create())
                    .replace("scope=openid&", "");
            HtmlPage consent = browser.signIn(browser.open(withoutScope), "alice", "alice-password");

            List<String> offered = consent.getByXPath("//input[@type='checkbox' and @name='scope']/@value").stream()
                    .map(value -> ((DomAttr) value).getValue()).toList();
            assertThat(offered).as("registered: openid books.read books.write users.read").containsExactly("books.read");
            browser.click(consent, "approve");
            assertThat(browser.callbackParameters()).containsKey("code").containsEntry("state", "n1");
        }
    }

    @Test
    void aWrongPasswordShowsTheSignInPageWithAMessage() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage login = browser.open(Browser.authorizePath("demo-web", REDIRECT_URI, "openid", "w1",
                    Pkce.create()));
            HtmlPage again = browser.signIn(login, "alice", "not-her-password");
            assertThat(again.getUrl().toString()).endsWith("/login?error");
            assertThat(again.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(again.asNormalizedText()).containsIgnoringCase("password");
            assertThat(again.getElementById("login-form")).isNotNull();
        }
    }

    @Test
    void anOldPasswordHashIsUpgradedToBcryptWhenTheUserSignsIn() throws Exception {
        String legacyHash = "{pbkdf2@SpringSecurity_v5_8}"
                + Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("bob-password");
        users.upsertByUsername(new TollgateUser(UUID.randomUUID(), "bob", legacyHash, "bob@example.com", true, "Bob",
                true, new TreeSet<>(List.of("USER"))));
        try (Browser browser = new Browser(http.baseUrl())) {
            browser.signIn(browser.open("/login"), "bob", "bob-password");
        }
        assertThat(users.findByUsername("bob").orElseThrow().passwordHash()).startsWith("{bcrypt}");
    }

    private Map<String, String> signInAndApprove(String username, String password, String scope, Pkce pkce)
            throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage login = browser.open(Browser.authorizePath("demo-web", REDIRECT_URI, scope, "xyz", pkce));
            HtmlPage consent = browser.signIn(login, username, password);
            browser.click(consent, "approve");
            return browser.callbackParameters();
        }
    }

    private Reply exchange(String code, String verifier) {
        return http.post("/oauth2/token", "demo-web", "demo-web-secret", Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT_URI, "code_verifier", verifier));
    }

    private Reply refresh(String refreshToken) {
        return http.post("/oauth2/token", "demo-web", "demo-web-secret",
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }
}
