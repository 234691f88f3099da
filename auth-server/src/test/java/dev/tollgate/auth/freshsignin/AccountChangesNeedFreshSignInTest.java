package dev.tollgate.auth.freshsignin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
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
import dev.tollgate.testsupport.TestClock;

/**
 * A session someone else got hold of (a browser left signed in, a stolen cookie) cannot make itself lasting: a new
 * email address (where a password reset goes), a new TOTP secret or a new passkey needs a sign-in at most
 * {@code tollgate.account.fresh-sign-in} (10 minutes) old; an older one is asked to sign in again and comes back.
 */
@AuthServerTest
class AccountChangesNeedFreshSignInTest extends HttpTest {

    private static final Duration STALE = Duration.ofMinutes(11);

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    TestClock clock;

    TollgateUser user;

    @BeforeEach
    void setUp() {
        user = new TestUsers(users, passwords).create("fresh");
    }

    @Test
    void aStaleSignInKeepsTheEmailAddressUntilTheUserSignsInAgain() throws Exception {
        String newEmail = user.username() + "@thief.example";
        try (Browser browser = signedIn()) {
            HtmlPage account = browser.open("/account");
            clock.advance(STALE);

            HtmlPage renamed = saveProfile(browser, account, "Only A New Name", user.email());
            assertThat(renamed.getElementById("account-notice")).as("a name needs no fresh sign-in").isNotNull();

            HtmlPage login = saveProfile(browser, renamed, "Only A New Name", newEmail);
            assertAskedAgain(login);
            assertThat(users.findById(user.id()).orElseThrow().email()).as("unchanged").isEqualTo(user.email());

            HtmlPage back = signInAgain(login);
            assertThat(back.getUrl().getPath()).isEqualTo("/account");
            HtmlPage changed = saveProfile(browser, back, "Only A New Name", newEmail);
            assertThat(changed.getElementById("account-notice").asNormalizedText()).contains(newEmail);
        }
        assertThat(users.findById(user.id()).orElseThrow().email()).isEqualTo(newEmail);
    }

    @Test
    void aStaleSignInSetsUpNoTotpUntilTheUserSignsInAgain() throws Exception {
        try (Browser browser = signedIn()) {
            HtmlPage setup = browser.open("/account/two-factor");
            clock.advance(STALE);

            HtmlPage login = setup.getHtmlElementById("two-factor-start").click();
            assertAskedAgain(login);
            HtmlPage notStarted = browser.open("/account/two-factor");
            assertThat(notStarted.getElementById("two-factor-secret")).as("no secret made").isNull();

            HtmlPage back = signInAgain(login);
            assertThat(back.getUrl().getPath()).isEqualTo("/account/two-factor");
            HtmlPage started = back.getHtmlElementById("two-factor-start").click();
            assertThat(started.getElementById("two-factor-secret")).as("the secret shows now").isNotNull();
        }
    }

    @Test
    void aStaleSignInGetsNoPasskeyChallengeAndRegistersNothing() throws Exception {
        try (Browser browser = signedIn()) {
            HtmlPage account = browser.open("/account");
            HtmlElement form = account.getHtmlElementById("passkey-register-form");
            Map<String, String> csrf = Map.of(form.getAttribute("data-csrf-header"),
                    form.getAttribute("data-csrf-token"));
            clock.advance(STALE);

            WebResponse options = browser.postJson("/account/passkeys/options", "", csrf);
            assertThat(options.getWebRequest().getUrl().toString()).as("sent to sign in again").endsWith("/login?fresh");
            assertThat(options.getContentAsString()).doesNotContain("challenge");
            WebResponse register = browser.postJson("/account/passkeys/register",
                    "{\"publicKey\":{\"label\":\"thief\",\"credential\":{}}}", csrf);
            assertThat(register.getWebRequest().getUrl().toString()).as("sent to sign in again").endsWith("/login?fresh");
            assertThat(register.getContentAsString()).doesNotContain("challenge");

            HtmlPage back = signInAgain(browser.open("/login?fresh"));
            assertThat(back.getUrl().getPath()).isEqualTo("/account");
            HtmlElement fresh = back.getHtmlElementById("passkey-register-form");
            WebResponse freshOptions = browser.postJson("/account/passkeys/options", "",
                    Map.of(fresh.getAttribute("data-csrf-header"), fresh.getAttribute("data-csrf-token")));
            assertThat(freshOptions.getStatusCode()).isEqualTo(200);
            assertThat(freshOptions.getContentAsString()).contains("\"challenge\"");
        }
    }

    private Browser signedIn() throws Exception {
        Browser browser = new Browser(http.baseUrl());
        browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
        return browser;
    }

    private void assertAskedAgain(HtmlPage login) {
        assertThat(login.getElementById("fresh-sign-in")).as("asked to sign in again: %s", login.getUrl()).isNotNull();
        assertThat(login.<HtmlInput>getHtmlElementById("username").getValue()).isEqualTo(user.username());
    }

    private HtmlPage signInAgain(HtmlPage login) throws Exception {
        HtmlForm form = login.getHtmlElementById("login-form");
        form.getInputByName("username").setValue(user.username());
        form.getInputByName("password").type(TestUsers.PASSWORD);
        return login.getHtmlElementById("sign-in").click();
    }

    private static HtmlPage saveProfile(Browser browser, HtmlPage account, String name, String email)
            throws Exception {
        HtmlForm form = account.getHtmlElementById("profile-form");
        form.getInputByName("name").setValue(name);
        form.getInputByName("email").setValue(email);
        return browser.click(account, "save-profile");
    }
}
