package dev.tollgate.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.audit.EventQuery;
import dev.tollgate.auth.audit.RecordedEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.audit.StoredEventsProbe;
import dev.tollgate.auth.audit.StoredSecurityEvents;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.ClientAddresses;
import dev.tollgate.auth.support.HardenedAuthServerTest;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.testsupport.TestClock;

/**
 * An attacker guessing passwords on the real sign-in page (application-hardened.yml: a username is locked after
 * 3 failures for 1 minute, then 2; an address after 8 failures). Time passes on the {@link TestClock}.
 */
@HardenedAuthServerTest
class BruteForceProtectionTest {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    TestClock clock;

    @Autowired
    StoredSecurityEvents events;

    @Test
    void anAccountIsLockedAfterThreeFailuresEvenForTheRightPasswordAndUnlocksAfterTheBackOff() throws Exception {
        String victim = newUser();
        try (Browser attacker = browserAt(ClientAddresses.next())) {
            assertThat(signIn(attacker, victim, "guess-1")).isEqualTo("error");
            assertThat(signIn(attacker, victim, "guess-2")).isEqualTo("error");
            assertThat(signIn(attacker, victim, "guess-3")).as("the third failure locks").isEqualTo("locked");
        }
        try (Browser owner = browserAt(ClientAddresses.next())) {
            assertThat(signIn(owner, victim, PASSWORD)).as("locked for the right password too").isEqualTo("locked");
            clock.advance(Duration.ofSeconds(61));
            assertThat(signIn(owner, victim, PASSWORD)).as("unlocked after the back-off").isEqualTo("signed-in");
        }
    }

    @Test
    void theFailuresAndTheLockAreInTheAuditTrailWithTheAccountAndTheAddress() throws Exception {
        String victim = newUser();
        String userId = users.findByUsername(victim).orElseThrow().id().toString();
        String address = ClientAddresses.next();
        Instant since = clock.instant();
        try (Browser attacker = browserAt(address)) {
            for (int guess = 1; guess <= 4; guess++) {
                signIn(attacker, victim, "guess-" + guess);
            }
        }

        List<RecordedEvent> recorded = new StoredEventsProbe(events).await(
                new EventQuery(null, userId, null, since, null), found -> found.size() >= 5);

        assertThat(recorded).extracting(RecordedEvent::type).containsExactly(SecurityEventType.SIGN_IN_FAILED,
                SecurityEventType.ACCOUNT_LOCKED, SecurityEventType.SIGN_IN_FAILED, SecurityEventType.SIGN_IN_FAILED,
                SecurityEventType.SIGN_IN_FAILED);
        assertThat(recorded).extracting(RecordedEvent::address).containsOnly(address);
        assertThat(recorded.get(0).details()).containsEntry("reason", "locked");
        assertThat(recorded.get(1).details()).containsEntry("locked", "account").containsKey("until");
        assertThat(recorded.get(2).details()).containsEntry("reason", "bad_credentials");
        assertThat(recorded.toString()).doesNotContain("guess-", victim);
    }

    @Test
    void everyFailureAfterALockDoublesTheBackOff() throws Exception {
        String victim = newUser();
        try (Browser attacker = browserAt(ClientAddresses.next())) {
            for (int guess = 1; guess <= 3; guess++) {
                signIn(attacker, victim, "guess-" + guess);
            }
            clock.advance(Duration.ofSeconds(61));
            assertThat(signIn(attacker, victim, "guess-4")).as("one more failure locks again").isEqualTo("locked");
            clock.advance(Duration.ofSeconds(61));
            assertThat(signIn(attacker, victim, PASSWORD)).as("now for 2 minutes").isEqualTo("locked");
            clock.advance(Duration.ofSeconds(60));
            assertThat(signIn(attacker, victim, PASSWORD)).isEqualTo("signed-in");
        }
    }

    @Test
    void aSuccessfulSignInForgetsTheAccountsFailures() throws Exception {
        String user = newUser();
        try (Browser browser = browserAt(ClientAddresses.next())) {
            signIn(browser, user, "typo-1");
            signIn(browser, user, "typo-2");
            assertThat(signIn(browser, user, PASSWORD)).isEqualTo("signed-in");
        }
        try (Browser browser = browserAt(ClientAddresses.next())) {
            assertThat(signIn(browser, user, "typo-3")).isEqualTo("error");
            assertThat(signIn(browser, user, "typo-4")).as("the count started again").isEqualTo("error");
        }
    }

    @Test
    void anUnknownUsernameGetsTheSameStatusAndWordsAsAnExistingOne() throws Exception {
        String existing = newUser();
        String unknown = "nobody-" + UUID.randomUUID();
        String[] existingPages = new String[4];
        String[] unknownPages = new String[4];
        try (Browser browser = browserAt(ClientAddresses.next())) {
            for (int guess = 0; guess < 4; guess++) {
                existingPages[guess] = page(browser, existing, "guess-" + guess);
            }
        }
        try (Browser browser = browserAt(ClientAddresses.next())) {
            for (int guess = 0; guess < 4; guess++) {
                unknownPages[guess] = page(browser, unknown, "guess-" + guess);
            }
        }
        assertThat(unknownPages).containsExactly(existingPages);
        assertThat(existingPages[3]).contains("Too many failed sign-ins");
    }

    @Test
    void oneAddressTryingManyUsernamesIsLockedOut() throws Exception {
        try (Browser sprayer = browserAt(ClientAddresses.next())) {
            for (int attempt = 0; attempt < 7; attempt++) {
                assertThat(signIn(sprayer, "sprayed-" + UUID.randomUUID(), "Summer2024!")).isEqualTo("error");
            }
            assertThat(signIn(sprayer, "sprayed-" + UUID.randomUUID(), "Summer2024!")).isEqualTo("locked");
            assertThat(signIn(sprayer, newUser(), PASSWORD)).as("the address is locked").isEqualTo("locked");
        }
        try (Browser someoneElse = browserAt(ClientAddresses.next())) {
            assertThat(signIn(someoneElse, newUser(), PASSWORD)).isEqualTo("signed-in");
        }
    }

    @Test
    void anUnknownUsernameTakesAboutAsLongAsAWrongPassword() throws Exception {
        String existing = newUser();
        try (Browser browser = browserAt(ClientAddresses.next())) {
            signIn(browser, existing, PASSWORD);
            long existingNanos = 0;
            long unknownNanos = 0;
            for (int round = 0; round < 2; round++) {
                existingNanos += timed(browser, existing, "wrong-" + round);
                unknownNanos += timed(browser, "nobody-" + UUID.randomUUID(), "wrong-" + round);
            }
            assertThat(unknownNanos).as("a dummy password is hashed for unknown users")
                    .isGreaterThan(existingNanos / 3);
        }
    }

    private long timed(Browser browser, String username, String password) throws IOException {
        HtmlPage login = browser.open("/login");
        long start = System.nanoTime();
        browser.signIn(login, username, password);
        return System.nanoTime() - start;
    }

    /** What the server answered, as "error", "locked" or "signed-in". */
    private String signIn(Browser browser, String username, String password) throws IOException {
        HtmlPage after = browser.signIn(browser.open("/login"), username, password);
        String url = after.getUrl().toString();
        if (url.endsWith("/login?locked")) {
            return "locked";
        }
        if (url.endsWith("/login?error")) {
            return "error";
        }
        return "signed-in";
    }

    /** The status, address and text of the page the browser lands on. */
    private String page(Browser browser, String username, String password) throws IOException {
        HtmlPage after = browser.signIn(browser.open("/login"), username, password);
        return after.getWebResponse().getStatusCode() + " " + after.getUrl().getFile() + " "
                + after.asNormalizedText();
    }

    private Browser browserAt(String address) {
        return new Browser("http://localhost:" + port).behindProxy(address);
    }

    private String newUser() {
        String username = "user-" + UUID.randomUUID();
        users.upsertByUsername(new TollgateUser(UUID.randomUUID(), username, passwordEncoder.encode(PASSWORD),
                null, false, username, true, new TreeSet<>(List.of("USER"))));
        return username;
    }
}
