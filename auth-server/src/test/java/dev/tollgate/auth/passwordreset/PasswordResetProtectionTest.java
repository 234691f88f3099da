package dev.tollgate.auth.passwordreset;

import java.io.IOException;

import com.icegreen.greenmail.util.GreenMail;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.ClientAddresses;
import dev.tollgate.auth.support.HardenedAuthServerTest;
import dev.tollgate.auth.support.TestMail;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reset form under attack, with application-hardened.yml's limits (3 reset requests per address and period, an
 * account locked after 3 failed sign-ins): one address cannot send more, and a reset lifts the account's lock.
 */
@HardenedAuthServerTest
class PasswordResetProtectionTest {

    private static final String NEW_PASSWORD = "a quiet tram past the old mill";

    @LocalServerPort
    int port;

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    GreenMail smtp;

    @Test
    void oneAddressGetsThreeRequestsAPeriodAndThenA429() throws Exception {
        try (Browser attacker = browserAt(ClientAddresses.next())) {
            for (int i = 0; i < 3; i++) {
                assertThat(requestLink(attacker, "victim@example.com").getWebResponse().getStatusCode()).isEqualTo(200);
            }
            HtmlPage refused = requestLink(attacker, "victim@example.com");
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(429);
            assertThat(refused.getWebResponse().getResponseHeaderValue("Retry-After")).isNotBlank();
            assertThat(refused.asNormalizedText()).contains("Too many password reset requests");
        }
        try (Browser someoneElse = browserAt(ClientAddresses.next())) {
            assertThat(requestLink(someoneElse, "victim@example.com").getWebResponse().getStatusCode()).isEqualTo(200);
        }
    }

    @Test
    void theRefusalSpeaksTheBrowsersLanguage() throws Exception {
        try (Browser attacker = browserAt(ClientAddresses.next()).speaking("de")) {
            for (int i = 0; i < 3; i++) {
                requestLink(attacker, "victim@example.com");
            }
            HtmlPage refused = requestLink(attacker, "victim@example.com");
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(429);
            assertThat(refused.getDocumentElement().getAttribute("lang")).isEqualTo("de");
            assertThat(refused.asNormalizedText()).contains("Zu viele Anfragen zum Zurücksetzen des Passworts")
                    .containsPattern("Warten Sie \\d+ Sekunden");
        }
    }

    @Test
    void aResetLiftsTheLockOfTheAccount() throws Exception {
        TollgateUser user = new TestUsers(users, passwords).create("locked");
        try (Browser attacker = browserAt(ClientAddresses.next())) {
            for (int i = 0; i < 3; i++) {
                attacker.signIn(attacker.open("/login"), user.username(), "a wrong guess " + i);
            }
        }
        try (Browser owner = browserAt(ClientAddresses.next())) {
            HtmlPage locked = owner.signIn(owner.open("/login"), user.username(), TestUsers.PASSWORD);
            assertThat(locked.getElementById("login-locked")).isNotNull();

            requestLink(owner, user.email());
            String link = PasswordResetTest.linkIn(TestMail.awaitMail(smtp, user.email(), 1));
            PasswordResetTest.setPassword(owner.open(link), NEW_PASSWORD, NEW_PASSWORD);

            HtmlPage signedIn = owner.signIn(owner.open("/login"), user.username(), NEW_PASSWORD);
            assertThat(signedIn.getElementById("login-locked")).as("no longer locked").isNull();
            assertThat(signedIn.getElementById("login-form")).isNull();
        }
    }

    private static HtmlPage requestLink(Browser browser, String email) throws IOException {
        return PasswordResetTest.requestLink(browser.open("/forgot-password"), email);
    }

    private Browser browserAt(String address) {
        return new Browser("http://localhost:" + port).behindProxy(address);
    }
}
