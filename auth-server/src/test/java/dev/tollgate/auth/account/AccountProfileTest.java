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

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * The user's name and email address on the account page: a new address is stored as not verified and must not
 * belong to another account in any case.
 */
@AuthServerTest
class AccountProfileTest extends HttpTest {

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwords;

    TestUsers testUsers;

    TollgateUser user;

    @BeforeEach
    void setUp() {
        testUsers = new TestUsers(users, passwords);
        user = testUsers.create("profile");
        assertThat(user.emailVerified()).isTrue();
    }

    @Test
    void aNewEmailAddressIsStoredAsNotVerifiedAndANewNameAsIs() throws Exception {
        String newEmail = user.username() + "@new.example";
        try (Browser browser = signedIn()) {
            HtmlPage account = browser.open(AccountController.PATH);
            assertThat(account.getElementById("email-status").asNormalizedText()).isEqualTo("Verified.");

            account = save(browser, account, "Renamed Person", user.email());
            assertThat(notice(account)).isEqualTo("Your profile is saved.");
            assertThat(users.findById(user.id()).orElseThrow().emailVerified()).as("same address").isTrue();

            account = save(browser, account, "Renamed Person", newEmail);

            assertThat(notice(account)).startsWith("Your email address is now " + newEmail + ".");
            TollgateUser changed = users.findById(user.id()).orElseThrow();
            assertThat(changed.displayName()).isEqualTo("Renamed Person");
            assertThat(changed.email()).isEqualTo(newEmail);
            assertThat(changed.emailVerified()).isFalse();
            assertThat(account.getElementById("email-status").asNormalizedText()).startsWith("Not verified yet");
            assertThat(((org.htmlunit.html.HtmlInput) account.getElementById("profile-email")).getValue())
                    .isEqualTo(newEmail);
        }
    }

    @Test
    void anAddressOfAnotherAccountInAnyCaseOrNoAddressAtAllIsRefused() throws Exception {
        TollgateUser other = testUsers.create("profile");
        try (Browser browser = signedIn()) {
            HtmlPage account = browser.open(AccountController.PATH);

            account = save(browser, account, user.displayName(), other.email().toUpperCase());
            assertThat(error(account)).isEqualTo("That email address belongs to another account.");
            account = save(browser, account, user.displayName(), "not an address");
            assertThat(error(account)).isEqualTo("That is not an email address.");
            account = save(browser, account, user.displayName(), "");
            assertThat(error(account)).startsWith("Enter an email address");
        }
        TollgateUser unchanged = users.findById(user.id()).orElseThrow();
        assertThat(unchanged.email()).isEqualTo(user.email());
        assertThat(unchanged.emailVerified()).isTrue();
    }

    @Test
    void badInputGetsAMessageInWordsAndChangesNothing() throws Exception {
        try (Browser browser = signedIn()) {
            HtmlPage account = browser.open(AccountController.PATH);
            account = save(browser, account, "n".repeat(201), user.email());
            assertThat(error(account)).isEqualTo("Use at most 200 characters for your name.");
            account = save(browser, account, user.displayName(), "someone@example.com\r\nBcc: all@example.com");
            assertThat(error(account)).isEqualTo("That is not an email address.");
            account = save(browser, account, user.displayName(), "x".repeat(320) + "@example.com");
            assertThat(error(account)).isEqualTo("That is not an email address.");
        }
        TollgateUser unchanged = users.findById(user.id()).orElseThrow();
        assertThat(unchanged.displayName()).isEqualTo(user.displayName());
        assertThat(unchanged.email()).isEqualTo(user.email());
    }

    @Test
    void aPostWithoutTheCsrfTokenChangesNothing() throws Exception {
        try (Browser browser = signedIn()) {
            Page refused = browser.post("/account/profile", Map.of("name", "Mallory", "email", "mallory@example.com"));
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
        }
        assertThat(users.findById(user.id()).orElseThrow().email()).isEqualTo(user.email());
    }

    @Test
    void thePageAndItsAnswersFollowTheBrowsersLanguage() throws Exception {
        try (Browser browser = new Browser(http.baseUrl()).speaking("de-DE,de;q=0.9,en;q=0.5")) {
            browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            HtmlPage account = browser.open(AccountController.PATH);
            assertThat(account.getElementsByTagName("h1").get(0).asNormalizedText()).isEqualTo("Ihr Konto");
            assertThat(account.getHtmlElementById("sessions-heading").asNormalizedText())
                    .isEqualTo("Wo Sie angemeldet sind");
            assertThat(account.getHtmlElementById("sessions").asNormalizedText()).contains("(dieser Browser)");

            account = save(browser, account, "Umbenannt", user.email());

            assertThat(notice(account)).isEqualTo("Ihr Profil ist gespeichert.");
        }
    }

    private Browser signedIn() throws Exception {
        Browser browser = new Browser(http.baseUrl());
        browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
        return browser;
    }

    private static HtmlPage save(Browser browser, HtmlPage account, String name, String email) throws Exception {
        HtmlForm form = account.getHtmlElementById("profile-form");
        // what an attacker's browser sends: the page's own limits do not hold it back
        form.getInputByName("name").removeAttribute("maxlength");
        form.getInputByName("email").removeAttribute("maxlength");
        form.getInputByName("name").setValue(name);
        form.getInputByName("email").setValue(email);
        return browser.click(account, "save-profile");
    }

    private static String notice(HtmlPage account) {
        assertThat(account.getElementById("account-notice")).as(account.asNormalizedText()).isNotNull();
        return account.getElementById("account-notice").asNormalizedText();
    }

    private static String error(HtmlPage account) {
        return AccountPasswordChangeTest.error(account);
    }
}
