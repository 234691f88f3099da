package dev.tollgate.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.htmlunit.Page;
import org.htmlunit.html.HtmlForm;
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
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * The applications a user let act for them, each with what it may do and when it last got a token; removing one
 * withdraws the consent and revokes its tokens, so its refresh token is refused at once and the next authorization
 * asks again.
 */
@AuthServerTest
class AccountApplicationsTest extends HttpTest {

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    RegisteredClientRepository clients;

    @Autowired
    OAuth2AuthorizationConsentService consents;

    Grants grants;

    TollgateUser user;

    @BeforeEach
    void setUp() {
        grants = new Grants(http);
        user = new TestUsers(users, passwords).create("applications");
    }

    @Test
    void removingAnApplicationRevokesItsTokensAndItAsksForConsentAgain() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Reply tokens = grants.exchange(grants.authorize(browser, Client.DEMO_WEB, user.username(),
                    TestUsers.PASSWORD, "openid profile books.read"));
            assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);

            HtmlPage account = browser.open(AccountController.PATH);
            String row = account.getHtmlElementById("application-demo-web").asNormalizedText();
            assertThat(row).contains("Tollgate Demo App")
                    .contains("See your username and name")
                    .contains("See the books in the library")
                    .contains("last used").contains("UTC");

            account = browser.click(account, "remove-application-demo-web");

            assertThat(account.getElementById("account-notice").asNormalizedText())
                    .startsWith("Tollgate Demo App can no longer act for you");
            assertThat(account.getElementById("application-demo-web")).isNull();
            assertThat(account.getElementById("no-applications")).isNotNull();
            Reply refreshed = grants.refresh(Client.DEMO_WEB, tokens.field("refresh_token"));
            assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(400);
            assertThat(refreshed.field("error")).isEqualTo("invalid_grant");
            assertThat(grants.isActive(tokens.field("access_token"))).isFalse();

            browser.open(Browser.authorizePath(Client.DEMO_WEB.id(), Client.DEMO_WEB.redirectUri(),
                    "openid profile books.read", "again", Pkce.create()));
            assertThat(browser.callback()).as("no code before the user consents again").isNull();
        }
    }

    @Test
    void anApplicationTheUserNeverConnectedCannotBeRemovedForThem() throws Exception {
        TollgateUser other = new TestUsers(users, passwords).create("applications");
        try (Browser others = new Browser(http.baseUrl()); Browser browser = new Browser(http.baseUrl())) {
            Reply othersTokens = grants.exchange(grants.authorize(others, Client.DEMO_CLI, other.username(),
                    TestUsers.PASSWORD, "openid books.read"));
            grants.authorize(browser, Client.DEMO_WEB, user.username(), TestUsers.PASSWORD, "openid");

            HtmlPage account = browser.open(AccountController.PATH);
            HtmlForm form = account.getHtmlElementById("application-demo-web").getOneHtmlElementByAttribute("form",
                    "method", "post");
            form.getInputByName("client_id").setValue(Client.DEMO_CLI.id());
            account = browser.click(account, "remove-application-demo-web");

            assertThat(account.getElementById("account-error").asNormalizedText())
                    .isEqualTo("That application is not connected to your account.");
            assertThat(consents.findById(clients.findByClientId("demo-cli").getId(), other.id().toString()))
                    .isNotNull();
            assertThat(grants.refresh(Client.DEMO_CLI, othersTokens.field("refresh_token")).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aPostWithoutTheCsrfTokenRemovesNothing() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            grants.authorize(browser, Client.DEMO_WEB, user.username(), TestUsers.PASSWORD, "openid");

            Page refused = browser.post("/account/applications/remove", Map.of("client_id", "demo-web"));

            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(consents.findById(clients.findByClientId("demo-web").getId(), user.id().toString()))
                    .isNotNull();
        }
    }
}
