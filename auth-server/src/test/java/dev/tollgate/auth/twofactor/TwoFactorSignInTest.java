package dev.tollgate.auth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.htmlunit.Page;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;

/** A user turns TOTP on at the account page, then signs in with the password and a code, and turns it off again. */
@ExtendWith(OutputCaptureExtension.class)
class TwoFactorSignInTest extends TwoFactorFlows {

    @Autowired
    JdbcClient jdbc;

    @Test
    void enrolmentShowsTheKeyAsQrCodeAndUriAndOnlyACodeFromTheAppTurnsItOn(CapturedOutput log) throws Exception {
        TollgateUser user = testUsers.create("tina");
        try (Browser browser = new Browser(http.baseUrl())) {
            browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            HtmlPage account = browser.open("/account");
            assertThat(account.getElementById("two-factor-off")).isNotNull();

            HtmlPage setup = browser.click(account, "two-factor-set-up");
            setup = browser.click(setup, "two-factor-start");
            String uri = setup.getElementById("two-factor-uri").asNormalizedText();
            assertThat(uri).startsWith("otpauth://totp/Tollgate:" + user.username() + "?secret=")
                    .contains("&issuer=Tollgate&algorithm=SHA1&digits=6&period=30");
            assertThat(setup.getElementById("two-factor-qr").getAttribute("src")).startsWith("data:image/png;base64,");
            assertThat(jdbc.sql("SELECT secret FROM totp_authenticator WHERE user_id = ?").param(user.id())
                    .query(String.class).single()).as("encrypted at rest").startsWith("v1:")
                    .doesNotContain(uri.substring(uri.indexOf("secret=") + 7, uri.indexOf('&')));

            setup = Authenticators.enter(setup, "two-factor-confirm-form", "000000", "two-factor-confirm");
            assertThat(setup.getElementById("two-factor-error")).as("a wrong code").isNotNull();
            assertThat(stored.isEnabled(user.id())).isFalse();

            HtmlPage recovery = Authenticators.enter(setup, "two-factor-confirm-form", app.codeNow(user.id(), false),
                    "two-factor-confirm");
            List<String> codes = recovery.getElementById("recovery-codes").getElementsByTagName("li").stream()
                    .map(HtmlElement::asNormalizedText).toList();
            assertThat(codes).hasSize(10).doesNotHaveDuplicates();
            assertThat(stored.isEnabled(user.id())).isTrue();
            assertThat(jdbc.sql("SELECT digest FROM totp_recovery_code WHERE user_id = ?").param(user.id())
                    .query(String.class).list()).as("only digests").hasSize(10).doesNotContainAnyElementsOf(codes);

            account = browser.click(recovery, "two-factor-continue");
            assertThat(account.getElementById("two-factor-on").asNormalizedText()).contains("10");
            assertThat(log.getOut()).contains("event=SECOND_FACTOR_CHANGED user=" + user.id() + " what=totp.enrolled");
        }
    }

    @Test
    void afterThePasswordNothingIsSignedInUntilTheCodeIsRightAndACodeWorksOnce(CapturedOutput log)
            throws Exception {
        TollgateUser user = testUsers.create("tom");
        app.enrol(user.id(), List.of());
        Pkce pkce = Pkce.create();
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage login = browser.open(Browser.authorizePath("demo-web", REDIRECT_URI, "openid", "s1", pkce));
            HtmlPage codePage = browser.signIn(login, user.username(), TestUsers.PASSWORD);
            assertThat(codePage.getUrl().getPath()).isEqualTo("/login/two-factor");
            assertThat(codePage.getElementById("two-factor-form")).isNotNull();

            // every side door, in the same browser (a second tab shares its cookies)
            assertThat(browser.isSignedIn()).as("/account").isFalse();
            HtmlPage console = browser.open("/admin");
            assertThat(console.getElementById("login-form")).as("/admin").isNotNull();
            HtmlPage authorize = browser.open(Browser.authorizePath("demo-web", REDIRECT_URI, "openid", "s2", pkce));
            assertThat(browser.callback()).as("no code from /oauth2/authorize").isNull();
            assertThat(authorize.getElementById("login-form")).isNotNull();
            assertThat(browser.<HtmlPage>open("/login").getElementById("login-form")).as("back to /login")
                    .isNotNull();

            String code = app.codeNow(user.id());
            HtmlPage again = Authenticators.enter(browser.open("/login/two-factor"), "two-factor-form", "123456",
                    "verify");
            assertThat(again.getElementById("two-factor-error")).isNotNull();
            assertThat(log.getOut()).contains("event=SIGN_IN_FAILED user=" + user.id())
                    .contains("method=totp reason=wrong_code");
            assertThat(browser.isSignedIn()).isFalse();

            // the last page the browser asked for before the code is where the sign-in continues
            browser.open(Browser.authorizePath("demo-web", REDIRECT_URI, "openid", "s3", pkce));
            HtmlPage consent = Authenticators.enter(browser.open("/login/two-factor"), "two-factor-form", code,
                    "verify");
            approveIfAsked(browser, consent);
            assertThat(browser.callbackParameters()).as("the saved authorization request continued")
                    .containsEntry("state", "s3").containsKey("code");
            assertThat(browser.isSignedIn()).isTrue();
        }
        try (Browser otherBrowser = new Browser(http.baseUrl())) {
            HtmlPage codePage = otherBrowser.signIn(otherBrowser.open("/login"), user.username(), TestUsers.PASSWORD);
            HtmlPage replayed = Authenticators.enter(codePage, "two-factor-form", app.codeNow(user.id()), "verify");
            assertThat(replayed.getElementById("two-factor-error")).as("the same code again").isNotNull();
            assertThat(otherBrowser.isSignedIn()).isFalse();

            clock.advance(Duration.ofSeconds(30));
            HtmlPage account = Authenticators.enter(otherBrowser.open("/login/two-factor"), "two-factor-form",
                    app.codeNow(user.id()), "verify");
            assertThat(account.getUrl().getPath()).isEqualTo("/account");
            assertThat(otherBrowser.isSignedIn()).isTrue();
        }
    }

    @Test
    void aRecoveryCodeWorksInsteadOfACodeOnce(CapturedOutput log) throws Exception {
        TollgateUser user = testUsers.create("rita");
        List<String> recoveryCodes = RecoveryCodes.generate();
        app.enrol(user.id(), recoveryCodes);
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage codePage = browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            Authenticators.enter(codePage, "two-factor-form", recoveryCodes.get(3).toUpperCase(), "verify");
            assertThat(browser.isSignedIn()).isTrue();
            assertThat(log.getOut()).contains("event=RECOVERY_CODE_USED user=" + user.id());
            HtmlPage account = browser.open("/account");
            assertThat(account.getElementById("two-factor-on").asNormalizedText()).contains("9");
        }
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage codePage = browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            HtmlPage again = Authenticators.enter(codePage, "two-factor-form", recoveryCodes.get(3), "verify");
            assertThat(again.getElementById("two-factor-error")).as("used up").isNotNull();
            assertThat(browser.isSignedIn()).isFalse();
        }
    }

    @Test
    void turningTotpOffTakesTheCurrentPasswordAndAFormWithoutCsrfTokenChangesNothing(CapturedOutput log)
            throws Exception {
        TollgateUser user = testUsers.create("otto");
        app.enrol(user.id(), List.of());
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage codePage = browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            Authenticators.enter(codePage, "two-factor-form", app.codeNow(user.id()), "verify");

            Page forged = browser.post("/account/two-factor/remove", Map.of("password", TestUsers.PASSWORD));
            assertThat(forged.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(stored.isEnabled(user.id())).isTrue();

            HtmlPage account = removeWith(browser, "not the password");
            assertThat(account.getElementById("two-factor-account-error")).isNotNull();
            assertThat(stored.isEnabled(user.id())).isTrue();

            account = removeWith(browser, TestUsers.PASSWORD);
            assertThat(account.getElementById("two-factor-account-notice")).isNotNull();
            assertThat(account.getElementById("two-factor-off")).isNotNull();
            assertThat(stored.isEnabled(user.id())).isFalse();
            assertThat(log.getOut()).contains("event=SECOND_FACTOR_CHANGED user=" + user.id() + " what=totp.removed");
        }
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage account = browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            assertThat(URI.create(account.getUrl().toString()).getPath()).as("no code asked any more")
                    .isEqualTo("/account");
        }
    }

    @Test
    void theCodePageSpeaksGermanToAGermanBrowser() throws Exception {
        TollgateUser user = testUsers.create("greta");
        app.enrol(user.id(), List.of());
        try (Browser browser = new Browser(http.baseUrl()).speaking("de-DE,de;q=0.9")) {
            HtmlPage codePage = browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            assertThat(codePage.getDocumentElement().getAttribute("lang")).isEqualTo("de");
            assertThat(codePage.getElementById("verify").getTextContent()).isEqualTo("Bestätigen");
            HtmlPage wrong = Authenticators.enter(codePage, "two-factor-form", "000000", "verify");
            assertThat(wrong.getElementById("two-factor-error").asNormalizedText()).contains("stimmt nicht");
        }
    }

    @Test
    void theCodePageWithoutAPasswordFirstIsTheLoginPage() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage page = browser.open("/login/two-factor");
            assertThat(page.getElementById("login-form")).isNotNull();
        }
        Reply posted = http.post("/login/two-factor", Map.of("code", "123456"));
        assertThat(posted.status()).as("no CSRF token").isEqualTo(403);
    }

    static HtmlPage removeWith(Browser browser, String password) throws Exception {
        HtmlPage account = browser.open("/account");
        HtmlForm form = account.getHtmlElementById("two-factor-remove-form");
        form.getInputByName("password").type(password);
        return browser.click(account, "two-factor-remove");
    }
}
