package dev.tollgate.auth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;

/**
 * An account that has no password (made by an upstream sign-in) turns TOTP off with a fresh sign-in instead of the
 * password it does not have; a stale session does not.
 */
class TwoFactorRemovalWithoutPasswordTest extends TwoFactorFlows {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aFreshSignInTurnsTotpOffWithoutAPassword() throws Exception {
        TollgateUser user = testUsers.create("nopass");
        try (Browser browser = signedInWithCodeThenWithoutPassword(user)) {
            HtmlPage account = browser.open("/account");
            assertThat(account.getElementById("two-factor-password")).as("no password to ask for").isNull();

            HtmlPage removed = browser.click(account, "two-factor-remove");
            assertThat(removed.getElementById("two-factor-account-notice")).as(removed.asNormalizedText()).isNotNull();
            assertThat(removed.getElementById("two-factor-off")).isNotNull();
        }
        assertThat(stored.isEnabled(user.id())).isFalse();
    }

    @Test
    void aStaleSignInIsAskedToSignInAgainAndTotpStaysOn() throws Exception {
        TollgateUser user = testUsers.create("nopass");
        try (Browser browser = signedInWithCodeThenWithoutPassword(user)) {
            HtmlPage account = browser.open("/account");
            clock.advance(Duration.ofMinutes(11));

            HtmlPage login = browser.click(account, "two-factor-remove");
            assertThat(login.getElementById("fresh-sign-in")).as(login.getUrl().toString()).isNotNull();
        }
        assertThat(stored.isEnabled(user.id())).isTrue();
    }

    /** Signed in with password and code; then, as an account of an upstream provider only, without a password. */
    private Browser signedInWithCodeThenWithoutPassword(TollgateUser user) throws Exception {
        app.enrol(user.id(), List.of());
        Browser browser = new Browser(http.baseUrl());
        HtmlPage codePage = browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
        HtmlPage signedIn = Authenticators.enter(codePage, "two-factor-form", app.codeNow(user.id()), "verify");
        assertThat(signedIn.getElementById("two-factor-form")).isNull();
        jdbc.sql("UPDATE users SET password_hash = NULL WHERE id = ?").param(user.id()).update();
        return browser;
    }
}
