package dev.tollgate.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.DemoUpstream;
import dev.tollgate.auth.support.FederationTest;
import dev.tollgate.auth.user.Roles;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/** A person who signed up through the upstream provider manages their linked sign-ins and sets a password. */
class AccountPageTest extends FederationTest {

    @Autowired
    UserRepository users;

    @Test
    void heidiSignsUpUpstreamSetsAPasswordRemovesTheLinkAndSignsInWithThePassword() throws Exception {
        addUpstreamUser("heidi");
        try (Browser browser = new Browser(tollgate(), DemoUpstream.issuer())) {
            HtmlPage login = browser.open("/login");
            HtmlPage account = browser.signIn(browser.click(login, "continue-with-upstream"), "heidi",
                    "heidi-password");
            assertThat(account.getUrl().toString()).as("nothing to resume: the account page")
                    .isEqualTo(tollgate() + AccountController.PATH);
            assertThat(account.getElementById("account-username").asNormalizedText()).isEqualTo("heidi");
            assertThat(account.getElementById("identity-upstream").asNormalizedText()).contains("Upstream")
                    .contains("heidi@example.com");

            account = browser.click(account, "remove-upstream");
            assertThat(account.getElementById("account-error").asNormalizedText()).contains("Set a password first");
            assertThat(account.getElementById("identity-upstream")).as("still linked").isNotNull();

            account = setPassword(browser, account, "heidi-local-pw", "not-the-same");
            assertThat(account.getElementById("account-error").asNormalizedText()).contains("not the same");
            account = setPassword(browser, account, "heidi-local-pw", "heidi-local-pw");
            assertThat(account.getElementById("account-notice").asNormalizedText()).contains("password is set");
            assertThat(account.getElementById("password-form")).as("only while there is no password").isNull();

            account = browser.click(account, "remove-upstream");
            assertThat(account.getElementById("account-notice").asNormalizedText()).contains("no longer linked");
            assertThat(account.getElementById("no-identities")).isNotNull();
        }
        try (Browser browser = new Browser(tollgate())) {
            browser.signIn(browser.open("/login"), "heidi", "heidi-local-pw");
            HtmlPage account = browser.open(AccountController.PATH);
            assertThat(account.getElementById("account-username").asNormalizedText()).isEqualTo("heidi");
        }
    }

    @Test
    void aUserWithoutAPasswordCannotSignInWithTheLoginForm() throws Exception {
        users.insert(new TollgateUser(UUID.randomUUID(), "ivan", null, null, false, "Ivan", true,
                new TreeSet<>(List.of(Roles.USER))));
        try (Browser browser = new Browser(tollgate())) {
            HtmlPage again = browser.signIn(browser.open("/login"), "ivan", "any-password");
            assertThat(again.getUrl().toString()).endsWith("/login?error");
        }
    }

    private static HtmlPage setPassword(Browser browser, HtmlPage account, String password, String confirmation)
            throws Exception {
        HtmlForm form = account.getHtmlElementById("password-form");
        form.getInputByName("password").type(password);
        form.getInputByName("confirmation").type(confirmation);
        return browser.click(account, "set-password");
    }

    private static void addUpstreamUser(String username) {
        DemoUpstream.bean(UserRepository.class).upsertByUsername(new TollgateUser(UUID.randomUUID(), username,
                DemoUpstream.bean(PasswordEncoder.class).encode(username + "-password"), username + "@example.com",
                true, username, true, new TreeSet<>(List.of(Roles.USER))));
    }
}
