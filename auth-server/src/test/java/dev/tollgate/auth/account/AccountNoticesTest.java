package dev.tollgate.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.TestMail;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * Every change on the account page is told to the account's address by mail, as it arrives over SMTP: a new email
 * address is told to the previous one, in the language of the page the change was made on, and verified by the link
 * mailed to it.
 */
@AuthServerTest
class AccountNoticesTest extends HttpTest {

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    GreenMail smtp;

    private static final Pattern VERIFY_LINK =
            Pattern.compile(Pattern.quote(AuthServerTest.ISSUER) + "(/verify-email\\?token=[A-Za-z0-9_-]+)");

    TollgateUser user;

    @BeforeEach
    void setUp() {
        user = new TestUsers(users, passwords).create("notices");
    }

    @Test
    void aPasswordChangeAnEndedSessionAndARemovedApplicationAreEachToldToTheAccountsAddress() throws Exception {
        try (Browser browser = new Browser(http.baseUrl()); Browser other = new Browser(http.baseUrl())) {
            other.signIn(other.open("/login"), user.username(), TestUsers.PASSWORD);
            new Grants(http).authorize(browser, Client.DEMO_WEB, user.username(), TestUsers.PASSWORD, "openid");
            HtmlPage account = browser.open(AccountController.PATH);

            account = browser.click(account, "end-other-sessions");
            assertNotice(TestMail.awaitMail(smtp, user.email(), 1), "Your other session was signed out.");

            account = browser.click(account, "remove-application-demo-web");
            assertNotice(TestMail.awaitMail(smtp, user.email(), 2), "Tollgate Demo App can no longer act for you.");

            AccountPasswordChangeTest.change(browser, account, TestUsers.PASSWORD,
                    AccountPasswordChangeTest.NEW_PASSWORD, AccountPasswordChangeTest.NEW_PASSWORD);
            MimeMessage passwordNotice = TestMail.awaitMail(smtp, user.email(), 3);
            assertNotice(passwordNotice, "The password of your account was changed");
            assertThat(TestMail.textOf(passwordNotice)).contains("from 127.0.0.1")
                    .contains(AuthServerTest.ISSUER + "/forgot-password")
                    .contains(AuthServerTest.ISSUER + "/account")
                    .doesNotContain(AccountPasswordChangeTest.NEW_PASSWORD);
        }
    }

    @Test
    void aNewEmailAddressIsToldToThePreviousOneAndVerifiedByTheLinkMailedToIt() throws Exception {
        String newEmail = user.username() + "@new.example";
        try (Browser browser = new Browser(http.baseUrl()).speaking("de")) {
            browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            HtmlPage account = browser.open(AccountController.PATH);
            HtmlForm form = account.getHtmlElementById("profile-form");
            form.getInputByName("email").setValue(newEmail);
            browser.click(account, "save-profile");
            assertThat(users.findById(user.id()).orElseThrow().emailVerified()).isFalse();

            MimeMessage notice = TestMail.awaitMail(smtp, user.email(), 1);
            assertThat(notice.getSubject()).isEqualTo("Ihr Tollgate-Konto wurde geändert");
            assertThat(TestMail.textOf(notice)).contains("wurde in " + newEmail + " geändert");

            Matcher link = VERIFY_LINK.matcher(TestMail.textOf(TestMail.awaitMail(smtp, newEmail, 1)));
            assertThat(link.find()).isTrue();
            browser.open(link.group(1));
            assertThat(users.findById(user.id()).orElseThrow().emailVerified()).isTrue();
        }
    }

    @Test
    void anAccountWhoseAddressTakesNoMailStillChangesItsName() throws Exception {
        users.updateProfile(user.id(), user.displayName(), "an upstream's idea of an address");
        try (Browser browser = new Browser(http.baseUrl())) {
            browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            HtmlPage account = browser.open(AccountController.PATH);
            HtmlForm form = account.getHtmlElementById("profile-form");
            form.getInputByName("name").setValue("Still Renamed");
            form.getInputByName("email").setValue("an upstream's idea of an address");

            account = browser.click(account, "save-profile");

            assertThat(account.getElementById("account-notice").asNormalizedText())
                    .isEqualTo("Your profile is saved.");
        }
        assertThat(users.findById(user.id()).orElseThrow().displayName()).isEqualTo("Still Renamed");
    }

    private static void assertNotice(MimeMessage mail, String says) throws Exception {
        assertThat(mail.getSubject()).isEqualTo("Your Tollgate account was changed");
        assertThat(TestMail.textOf(mail)).contains("Hello ").contains(says);
    }
}
