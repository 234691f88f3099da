package dev.tollgate.auth.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.support.SignedTokens;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * A client that requires consent gets no code before the user has agreed to exactly what it receives: for
 * {@code openid} alone too, whatever was approved before, and the user's identity only with {@code profile}.
 * Each test signs in as a user of its own, so no consent remembered by another test changes what it sees.
 */
@AuthServerTest
class ConsentMeansConsentTest extends HttpTest {

    private static final String PASSWORD = "a-long-consent-test-password";

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    RegisteredClientRepository clients;

    @Autowired
    OAuth2AuthorizationConsentService consents;

    Grants grants;

    String username;

    /** The PKCE of the last authorization request this test sent. */
    Pkce lastPkce;

    @BeforeEach
    void aNewUser() {
        grants = new Grants(http);
        username = "consent-" + UUID.randomUUID().toString().substring(0, 8);
        users.upsertByUsername(new TollgateUser(UUID.randomUUID(), username, passwordEncoder.encode(PASSWORD),
                username + "@example.com", true, "Consent Tester", true, new TreeSet<>(List.of("USER"))));
    }

    @Test
    void aClientRegisteredWithoutScopeAsksForConsentBeforeItGetsAnOpenidCode() throws Exception {
        String redirectUri = "https://stranger.example/callback";
        Reply registered = http.postJson("/connect/register", registrarToken(), """
                {"client_name": "A stranger", "redirect_uris": ["%s"]}
                """.formatted(redirectUri));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        Client stranger = new Client(registered.field("client_id"), registered.field("client_secret"), redirectUri);

        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage page = signIn(browser, stranger, "openid");

            assertThat(browser.callback()).as("no code without the user's consent").isNull();
            assertThat(page.getElementById("consent-form")).as(page.asNormalizedText()).isNotNull();
            assertThat(page.asNormalizedText()).contains("A stranger");

            browser.click(page, "approve");
            assertThat(browser.callbackParameters()).containsKey("code");
        }
    }

    @Test
    void demoWebAsksForConsentForOpenidAloneAndRemembersIt() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage page = signIn(browser, Client.DEMO_WEB, "openid");
            assertThat(page.getElementById("consent-form")).as("asked the first time").isNotNull();
            browser.click(page, "approve");
            Reply tokens = grants.exchange(new Grants.Code(Client.DEMO_WEB,
                    browser.callbackParameters().get("code"), lastPkce));
            assertThat(tokens.field("scope")).isEqualTo("openid");

            browser.open(Browser.authorizePath(Client.DEMO_WEB.id(), Client.DEMO_WEB.redirectUri(), "openid", "s2",
                    Pkce.create()));
            assertThat(browser.callbackParameters()).as("the consent is remembered").containsKey("code");
        }
    }

    @Test
    void uncheckingARememberedScopeWithdrawsIt() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage first = signIn(browser, Client.DEMO_WEB, "openid profile books.read");
            browser.click(first, "approve");
            assertThat(browser.callbackParameters()).containsKey("code");

            HtmlPage second = browser.open(authorize(Client.DEMO_WEB, "openid profile books.read email"));
            assertThat(second.getElementById("consent-form")).as("email is new").isNotNull();
            HtmlCheckBoxInput booksRead = (HtmlCheckBoxInput) second.getElementById("scope-books.read");
            assertThat(booksRead.isChecked()).isTrue();
            booksRead.setChecked(false);
            browser.click(second, "approve");

            Reply tokens = grants.exchange(new Grants.Code(Client.DEMO_WEB,
                    browser.callbackParameters().get("code"), lastPkce));
            assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
            assertThat(tokens.field("scope").split(" ")).as("the unchecked scope is not granted")
                    .containsExactlyInAnyOrder("openid", "profile", "email");
            assertThat(consents.findById(clients.findByClientId("demo-web").getId(), userId()).getScopes())
                    .as("nor remembered").doesNotContain("books.read").contains("profile", "email");

            HtmlPage third = browser.open(authorize(Client.DEMO_WEB, "openid books.read"));
            assertThat(third.getElementById("consent-form")).as("asked again for the withdrawn scope").isNotNull();
        }
    }

    @Test
    void withoutProfileNoTokenOrUserinfoNamesTheUser() throws Exception {
        Reply tokens;
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage page = signIn(browser, Client.DEMO_WEB, "openid email books.read");
            browser.click(page, "approve");
            tokens = grants.exchange(new Grants.Code(Client.DEMO_WEB, browser.callbackParameters().get("code"),
                    lastPkce));
        }
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);

        JWTClaimsSet accessToken = SignedTokens.verified(tokens.field("access_token"), http).getJWTClaimsSet();
        assertThat(accessToken.getClaims()).doesNotContainKeys("preferred_username", "name");
        assertThat(accessToken.getStringListClaim("roles")).containsExactly("USER");

        JWTClaimsSet idToken = SignedTokens.verified(tokens.field("id_token"), http).getJWTClaimsSet();
        assertThat(idToken.getClaims()).doesNotContainKeys("preferred_username", "name")
                .containsEntry("email", username + "@example.com");

        Reply userInfo = http.getWithBearer("/userinfo", tokens.field("access_token"));
        assertThat(userInfo.status()).as(userInfo.toString()).isEqualTo(200);
        assertThat(userInfo.json().has("preferred_username")).isFalse();
        assertThat(userInfo.json().has("name")).isFalse();
        assertThat(userInfo.field("email")).isEqualTo(username + "@example.com");

        Reply introspected = http.introspect(tokens.field("access_token"));
        assertThat(introspected.field("username")).as("the resource server still learns who it is")
                .isEqualTo(username);
    }

    @Test
    void withProfileTheTokensAndUserinfoNameTheUser() throws Exception {
        Reply tokens;
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage page = signIn(browser, Client.DEMO_WEB, "openid profile");
            browser.click(page, "approve");
            tokens = grants.exchange(new Grants.Code(Client.DEMO_WEB, browser.callbackParameters().get("code"),
                    lastPkce));
        }
        JWTClaimsSet accessToken = SignedTokens.verified(tokens.field("access_token"), http).getJWTClaimsSet();
        assertThat(accessToken.getStringClaim("preferred_username")).isEqualTo(username);
        JWTClaimsSet idToken = SignedTokens.verified(tokens.field("id_token"), http).getJWTClaimsSet();
        assertThat(idToken.getStringClaim("preferred_username")).isEqualTo(username);
        assertThat(idToken.getStringClaim("name")).isEqualTo("Consent Tester");
        assertThat(http.getWithBearer("/userinfo", tokens.field("access_token")).field("name"))
                .isEqualTo("Consent Tester");
    }

    private HtmlPage signIn(Browser browser, Client client, String scope) throws Exception {
        HtmlPage login = browser.open(authorize(client, scope));
        return browser.signIn(login, username, PASSWORD);
    }

    private String authorize(Client client, String scope) {
        lastPkce = Pkce.create();
        return Browser.authorizePath(client.id(), client.redirectUri(), scope, "st", lastPkce);
    }

    private String userId() {
        return users.findByUsername(username).orElseThrow().id().toString();
    }

    private String registrarToken() {
        return http.clientCredentials("demo-registrar", "demo-registrar-secret", null).field("access_token");
    }
}
