package dev.tollgate.auth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.ClientAddresses;
import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.auth.support.HardenedAuthServerTest;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.testsupport.TestClock;

/**
 * Someone who knows the password guesses codes, or replays a code they saw (application-hardened.yml: a username is
 * locked after 3 failures for a minute). Code guesses count in the password lockout, a right password does not
 * reset the count while the code is missing, and one code signs in once even when sent twice at the same moment.
 */
@HardenedAuthServerTest
class TotpCodeGuessesTest {

    @LocalServerPort
    int port;

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    TotpAuthenticators stored;

    @Autowired
    TestClock clock;

    private TollgateUser user;

    private Authenticators app;

    @BeforeEach
    void aUserWithTotp() {
        user = new TestUsers(users, passwords).create("guessed");
        app = new Authenticators(stored, clock);
        app.enrol(user.id(), List.of());
    }

    @Test
    void oneCodeSentByTwoBrowsersAtTheSameMomentSignsInOnlyOne() throws Exception {
        try (Browser first = browser(); Browser second = browser()) {
            HtmlPage firstPage = first.signIn(first.open("/login"), user.username(), TestUsers.PASSWORD);
            HtmlPage secondPage = second.signIn(second.open("/login"), user.username(), TestUsers.PASSWORD);
            String code = app.codeNow(user.id());

            List<Boolean> signedIn = Concurrently.run(List.of(
                    () -> codeSignsIn(first, firstPage, code),
                    () -> codeSignsIn(second, secondPage, code)));

            assertThat(signedIn).containsExactlyInAnyOrder(true, false);
        }
    }

    @Test
    void wrongCodesLockTheAccountLikeWrongPasswords() throws Exception {
        try (Browser browser = browser()) {
            HtmlPage codePage = browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            HtmlPage wrong = Authenticators.enter(codePage, "two-factor-form", "111111", "verify");
            assertThat(wrong.getElementById("two-factor-error")).isNotNull();
            HtmlPage locked = Authenticators.enter(wrong, "two-factor-form", "222222", "verify");
            assertThat(locked.getUrl().toString()).as("the third failure, counting the password's guess")
                    .endsWith("/login?locked");
        }
        try (Browser browser = browser()) {
            HtmlPage refused = browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            assertThat(refused.getUrl().toString()).as("the right password, locked").endsWith("/login?locked");
        }
        clock.advance(Duration.ofSeconds(61));
        try (Browser browser = browser()) {
            HtmlPage codePage = browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            Authenticators.enter(codePage, "two-factor-form", app.codeNow(user.id()), "verify");
            assertThat(browser.isSignedIn()).isTrue();
        }
    }

    @Test
    void signingInWithThePasswordAgainDoesNotResetTheCountOfWrongCodes() throws Exception {
        try (Browser browser = browser()) {
            HtmlPage codePage = browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            Authenticators.enter(codePage, "two-factor-form", "111111", "verify");
        }
        try (Browser browser = browser()) {
            HtmlPage codePage = browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            HtmlPage locked = Authenticators.enter(codePage, "two-factor-form", "222222", "verify");
            assertThat(locked.getUrl().toString()).as("password, wrong code, password, wrong code")
                    .endsWith("/login?locked");
        }
        try (Browser browser = browser()) {
            HtmlPage refused = browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            assertThat(refused.getUrl().toString()).endsWith("/login?locked");
        }
    }

    private static boolean codeSignsIn(Browser browser, HtmlPage codePage, String code) throws Exception {
        Authenticators.enter(codePage, "two-factor-form", code, "verify");
        return browser.isSignedIn();
    }

    private Browser browser() {
        return new Browser("http://localhost:" + port).behindProxy(ClientAddresses.next());
    }

}
