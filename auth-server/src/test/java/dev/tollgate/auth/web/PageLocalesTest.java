package dev.tollgate.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.ClientAddresses;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/** The pages speak the client's {@code ui_locales} first, then the browser's language, then English. */
@AuthServerTest
class PageLocalesTest {

    @LocalServerPort
    int port;

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwords;

    @Test
    void aBrowserSetToGermanGetsTheLoginPageInGerman() throws Exception {
        try (Browser browser = browser().speaking("de-DE,de;q=0.9,en;q=0.5")) {
            HtmlPage login = browser.open("/login");
            assertThat(login.getDocumentElement().getAttribute("lang")).isEqualTo("de");
            assertThat(login.getElementById("sign-in").getTextContent()).isEqualTo("Anmelden");
            assertThat(login.asNormalizedText()).contains("Benutzername", "Passwort");
        }
    }

    @Test
    void aLanguageTollgateDoesNotSpeakFallsBackToEnglish() throws Exception {
        try (Browser browser = browser().speaking("fr-FR,fr;q=0.9")) {
            HtmlPage login = browser.open("/login");
            assertThat(login.getDocumentElement().getAttribute("lang")).isEqualTo("en");
            assertThat(login.getElementById("sign-in").getTextContent()).isEqualTo("Sign in");
        }
    }

    @Test
    void theClientsUiLocalesOutweighTheBrowserForTheWholeSignIn() throws Exception {
        try (Browser browser = browser().speaking("en-US,en;q=0.9")) {
            HtmlPage login = browser.open(Browser.authorizePath("demo-web", AuthServerTest.DEMO_WEB_REDIRECT_URI,
                    "openid books.read", "s1", Pkce.create()) + "&ui_locales=fr-CA%20de");
            assertThat(login.getDocumentElement().getAttribute("lang")).isEqualTo("de");

            // a user of their own: one who consented before would not see the consent page
            TollgateUser user = new TestUsers(users, passwords).create("locale");
            HtmlPage consent = browser.signIn(login, user.username(), TestUsers.PASSWORD);
            assertThat(consent.getElementById("approve").getTextContent()).isEqualTo("Erlauben");
        }
    }

    @Test
    void uiLocalesOfLanguagesTollgateDoesNotSpeakLeaveTheBrowsersLanguage() throws Exception {
        try (Browser browser = browser().speaking("de")) {
            HtmlPage login = browser.open(Browser.authorizePath("demo-web", AuthServerTest.DEMO_WEB_REDIRECT_URI,
                    "openid", "s1", Pkce.create()) + "&ui_locales=fr%20x-not-a-language");
            assertThat(login.getDocumentElement().getAttribute("lang")).isEqualTo("de");
        }
    }

    @Test
    void theErrorPageSpeaksTheBrowsersLanguageToo() throws Exception {
        try (Browser browser = browser().speaking("de")) {
            browser.signIn(browser.open("/login"), "alice", "alice-password");
            HtmlPage missing = browser.open("/no-such-page");
            assertThat(missing.getWebResponse().getStatusCode()).isEqualTo(404);
            assertThat(missing.asNormalizedText()).contains("Diese Seite gibt es nicht", "Fehler 404");
        }
    }

    @Test
    void whatAScopeAllowsIsSaidInTheClientsUiLocalesOnTheConsentAndTheAccountPage() throws Exception {
        TollgateUser user = new TestUsers(users, passwords).create("sprache");
        try (Browser browser = browser().speaking("en")) {
            HtmlPage login = browser.open(Browser.authorizePath("demo-web", AuthServerTest.DEMO_WEB_REDIRECT_URI,
                    "openid books.read", "s1", Pkce.create()) + "&ui_locales=de");
            HtmlPage consent = browser.signIn(login, user.username(), TestUsers.PASSWORD);
            assertThat(consent.asNormalizedText()).contains("Die Bücher der Bibliothek sehen")
                    .doesNotContain("See the books in the library");
            browser.click(consent, "approve");

            HtmlPage account = browser.open("/account");
            assertThat(account.getElementById("application-demo-web").asNormalizedText())
                    .contains("Die Bücher der Bibliothek sehen");
        }
    }

    @Test
    void anIncompleteConsentRequestAndAPasswordThePolicyRefusesAreToldInGerman() throws Exception {
        try (Browser browser = browser().speaking("de")) {
            browser.signIn(browser.open("/login"), "alice", "alice-password");
            HtmlPage incomplete = browser.open("/oauth2/consent");
            assertThat(incomplete.asNormalizedText()).contains("Diese Zustimmungsanfrage ist unvollständig");

            HtmlPage refused = signUp(browser, "sprache-" + System.nanoTime(), "password123");
            assertThat(refused.getElementById("signup-error").asNormalizedText())
                    .isEqualTo("Verwenden Sie mindestens 12 Zeichen.");
        }
        try (Browser browser = browser().speaking("en")) {
            HtmlPage refused = signUp(browser, "language-" + System.nanoTime(), "short");
            assertThat(refused.getElementById("signup-error").asNormalizedText())
                    .isEqualTo("Use at least 12 characters.");
        }
    }

    private static HtmlPage signUp(Browser browser, String username, String password) throws Exception {
        HtmlPage page = browser.open("/register");
        HtmlForm form = page.getHtmlElementById("signup-form");
        form.getInputByName("username").setValue(username);
        form.getInputByName("email").setValue(username + "@example.com");
        form.getInputByName("password").setValue(password);
        form.getInputByName("confirmation").setValue(password);
        return page.getHtmlElementById("create-account").click();
    }

    private Browser browser() {
        return new Browser("http://localhost:" + port).behindProxy(ClientAddresses.next());
    }
}
