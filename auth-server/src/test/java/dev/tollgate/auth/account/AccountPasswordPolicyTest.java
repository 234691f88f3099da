package dev.tollgate.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.DemoUpstream;
import dev.tollgate.auth.support.FederationTest;
import dev.tollgate.auth.user.Roles;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * Setting a password on the account page follows the one password policy (12 characters or more, not a common
 * breached password, not the username, at most the 72 bytes bcrypt reads), and says why in words on the page.
 * The browser sends what an attacker's would: the page's own length hints are removed before submitting.
 */
class AccountPasswordPolicyTest extends FederationTest {

    /** "€" takes 3 bytes in UTF-8. */
    private static final String EURO = "\u20AC";

    @Test
    void weakPasswordsAreRefusedWithTheReasonOnThePageAndAGoodOneIsSet() throws Exception {
        String username = newUpstreamUser();
        try (Browser browser = new Browser(tollgate(), DemoUpstream.issuer())) {
            HtmlPage account = signUpUpstream(browser, username);

            account = setPassword(browser, account, "password1");
            assertThat(error(account)).isEqualTo("Use at least 12 characters.");

            account = setPassword(browser, account, "passwordpassword");
            assertThat(error(account)).isEqualTo("This password is one of the most common ones; choose another.");

            account = setPassword(browser, account, username);
            assertThat(error(account)).isEqualTo("Do not use your username as your password.");

            String ninetyBytes = EURO.repeat(30);
            assertThat(ninetyBytes.getBytes(StandardCharsets.UTF_8)).hasSize(90);
            account = setPassword(browser, account, ninetyBytes);
            assertThat(error(account)).as("30 characters, but 90 bytes").contains("at most 72 bytes");
            assertThat(account.getElementById("password-form")).as("still no password").isNotNull();

            String seventyTwoBytes = "sunlit-orchard-".repeat(4) + "lantern-bark";
            assertThat(seventyTwoBytes.getBytes(StandardCharsets.UTF_8)).hasSize(72);
            account = setPassword(browser, account, seventyTwoBytes);
            assertThat(account.getElementById("account-notice").asNormalizedText()).contains("password is set");

            try (Browser again = new Browser(tollgate())) {
                HtmlPage signedIn = again.signIn(again.open("/login"), username, seventyTwoBytes);
                assertThat(signedIn.getUrl().toString()).doesNotContain("/login");
            }
        }
    }

    @Test
    void seventyTwoBytesOfThreeByteCharactersAreAcceptedAndSignIn() throws Exception {
        String username = newUpstreamUser();
        String twentyFourEuros = EURO.repeat(24);
        try (Browser browser = new Browser(tollgate(), DemoUpstream.issuer())) {
            HtmlPage account = setPassword(browser, signUpUpstream(browser, username), twentyFourEuros);
            assertThat(account.getElementById("account-notice").asNormalizedText()).contains("password is set");
        }
        try (Browser browser = new Browser(tollgate())) {
            HtmlPage wrong = browser.signIn(browser.open("/login"), username, EURO.repeat(23));
            assertThat(wrong.getUrl().toString()).endsWith("/login?error");
            HtmlPage signedIn = browser.signIn(browser.open("/login"), username, twentyFourEuros);
            assertThat(signedIn.getUrl().toString()).doesNotContain("/login");
        }
    }

    private HtmlPage signUpUpstream(Browser browser, String username) throws Exception {
        HtmlPage account = browser.signIn(browser.click(browser.open("/login"), "continue-with-upstream"), username,
                username + "-password");
        assertThat(account.getUrl().toString()).isEqualTo(tollgate() + AccountController.PATH);
        return account;
    }

    private static HtmlPage setPassword(Browser browser, HtmlPage account, String password) throws Exception {
        HtmlForm form = account.getHtmlElementById("password-form");
        for (String field : List.of("password", "confirmation")) {
            HtmlInput input = form.getInputByName(field);
            input.removeAttribute("minlength");
            input.setValue(password);
        }
        return browser.click(account, "set-password");
    }

    private static String error(HtmlPage account) {
        assertThat(account.getElementById("account-error")).as(account.asNormalizedText()).isNotNull();
        return account.getElementById("account-error").asNormalizedText();
    }

    private static String newUpstreamUser() {
        String username = "policy-" + UUID.randomUUID().toString().substring(0, 8);
        DemoUpstream.bean(UserRepository.class).upsertByUsername(new TollgateUser(UUID.randomUUID(), username,
                DemoUpstream.bean(PasswordEncoder.class).encode(username + "-password"), username + "@example.com",
                true, username, true, new TreeSet<>(List.of(Roles.USER))));
        return username;
    }
}
