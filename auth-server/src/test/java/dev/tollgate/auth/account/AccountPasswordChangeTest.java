package dev.tollgate.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.htmlunit.Page;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * Changing the password on the account page takes the current password and a new one under the policy; afterwards
 * only this browser is signed in: the other sessions end, and every refresh token not granted in this browser is
 * refused.
 */
@AuthServerTest
@ExtendWith(OutputCaptureExtension.class)
class AccountPasswordChangeTest extends HttpTest {

    static final String NEW_PASSWORD = "a brand new and long password";

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwords;

    Grants grants;

    TollgateUser user;

    @BeforeEach
    void setUp() {
        grants = new Grants(http);
        user = new TestUsers(users, passwords).create("password");
    }

    @Test
    void theCurrentPasswordIsRequiredAndAfterTheChangeOnlyThisBrowserKeepsItsAccess(CapturedOutput output)
            throws Exception {
        try (Browser here = new Browser(http.baseUrl()); Browser elsewhere = new Browser(http.baseUrl())) {
            Reply elsewhereTokens = grants.exchange(grants.authorize(elsewhere, Client.DEMO_WEB, user.username(),
                    TestUsers.PASSWORD, "openid"));
            Reply hereTokens = grants.exchange(grants.authorize(here, Client.DEMO_CLI, user.username(),
                    TestUsers.PASSWORD, "openid"));
            HtmlPage account = here.open(AccountController.PATH);
            assertThat(account.getElementById("password-form")).as("set is for users without one").isNull();

            account = change(here, account, "not my password", NEW_PASSWORD, NEW_PASSWORD);
            assertThat(error(account)).isEqualTo("Your current password is not right.");
            account = change(here, account, TestUsers.PASSWORD, NEW_PASSWORD, "something else entirely");
            assertThat(error(account)).isEqualTo("The two passwords are not the same.");
            account = change(here, account, TestUsers.PASSWORD, "password1234", "password1234");
            assertThat(error(account)).isEqualTo("This password is one of the most common ones; choose another.");
            assertThat(elsewhere.isSignedIn()).as("nothing changed yet").isTrue();

            account = change(here, account, TestUsers.PASSWORD, NEW_PASSWORD, NEW_PASSWORD);

            assertThat(account.getElementById("account-notice").asNormalizedText())
                    .isEqualTo("Your password is changed. Your other sessions are signed out.");
            assertThat(here.isSignedIn()).isTrue();
            assertThat(elsewhere.isSignedIn()).isFalse();
            assertThat(grants.refresh(Client.DEMO_WEB, elsewhereTokens.field("refresh_token")).status())
                    .isEqualTo(400);
            assertThat(grants.isActive(elsewhereTokens.field("access_token"))).isFalse();
            assertThat(grants.refresh(Client.DEMO_CLI, hereTokens.field("refresh_token")).status())
                    .as("granted in the browser that made the change").isEqualTo(200);
            assertThat(output.getOut()).contains("event=ACCOUNT_CHANGE", "what=password.change",
                    "user=" + user.id());
        }
        assertThat(signsIn(TestUsers.PASSWORD)).isFalse();
        assertThat(signsIn(NEW_PASSWORD)).isTrue();
    }

    @Test
    void aPostWithoutTheCsrfTokenChangesNoPassword() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);

            Page refused = browser.post("/account/password/change", Map.of("current", TestUsers.PASSWORD,
                    "password", NEW_PASSWORD, "confirmation", NEW_PASSWORD));

            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
        }
        assertThat(signsIn(NEW_PASSWORD)).isFalse();
        assertThat(signsIn(TestUsers.PASSWORD)).isTrue();
    }

    static HtmlPage change(Browser browser, HtmlPage account, String current, String password,
            String confirmation) throws Exception {
        HtmlForm form = account.getHtmlElementById("password-change-form");
        form.getInputByName("current").setValue(current);
        form.getInputByName("password").setValue(password);
        form.getInputByName("confirmation").setValue(confirmation);
        return browser.click(account, "change-password");
    }

    static String error(HtmlPage account) {
        assertThat(account.getElementById("account-error")).as(account.asNormalizedText()).isNotNull();
        return account.getElementById("account-error").asNormalizedText();
    }

    private boolean signsIn(String password) throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            browser.signIn(browser.open("/login"), user.username(), password);
            return browser.isSignedIn();
        }
    }
}
