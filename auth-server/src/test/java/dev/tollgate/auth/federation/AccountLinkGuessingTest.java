package dev.tollgate.auth.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import dev.tollgate.auth.account.AccountController;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.ClientAddresses;
import dev.tollgate.auth.support.DemoUpstream;
import dev.tollgate.auth.support.FederationTest;
import dev.tollgate.auth.user.Roles;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.testsupport.TestClock;
import dev.tollgate.testsupport.TestDatabases;

/**
 * Someone who controls an upstream identity with the verified email of a Tollgate account guesses that account's
 * password on the link page (application-hardened.yml: a username is locked after 3 failures, an address after 8,
 * for 1 minute). The link page is no side door: its guesses count in the sign-in form's lockout, per account and
 * per address, and a new upstream round trip grants no new ones.
 */
@ActiveProfiles("hardened")
@TestPropertySource(properties = "spring.datasource.url=" + TestDatabases.IN_MEMORY_H2 + "federation-hardened-test"
        + TestDatabases.IN_MEMORY_H2_SETTINGS)
@Import(TestClock.Config.class)
class AccountLinkGuessingTest extends FederationTest {

    private static final String PASSWORD = "victim's own long password";

    private static final AtomicInteger VICTIMS = new AtomicInteger();

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @Test
    void threeWrongLinkPasswordsLockTheAccountOnTheSignInFormToo() throws Exception {
        Victim victim = newVictim();
        try (Browser attacker = browserAt(ClientAddresses.next())) {
            HtmlPage link = linkPage(attacker, victim);
            assertThat(linkOutcome(link = submitLinkPassword(attacker, link, "guess-1"))).isEqualTo("wrong");
            assertThat(linkOutcome(link = submitLinkPassword(attacker, link, "guess-2"))).isEqualTo("wrong");
            assertThat(linkOutcome(submitLinkPassword(attacker, link, "guess-3"))).as("the third failure locks")
                    .isEqualTo("locked");
        }
        try (Browser owner = browserAt(ClientAddresses.next())) {
            HtmlPage after = owner.signIn(owner.open("/login"), victim.username(), PASSWORD);
            assertThat(after.getUrl().toString()).as("the sign-in form is locked for the right password too")
                    .endsWith("/login?locked");
        }
    }

    @Test
    void aNewUpstreamRoundTripGrantsNoNewGuesses() throws Exception {
        Victim victim = newVictim();
        try (Browser attacker = browserAt(ClientAddresses.next())) {
            HtmlPage link = linkPage(attacker, victim);
            link = submitLinkPassword(attacker, link, "guess-1");
            assertThat(linkOutcome(submitLinkPassword(attacker, link, "guess-2"))).isEqualTo("wrong");
        }
        try (Browser attacker = browserAt(ClientAddresses.next())) {
            HtmlPage link = linkPage(attacker, victim);
            assertThat(linkOutcome(link = submitLinkPassword(attacker, link, "guess-3")))
                    .as("the count went on across round trips").isEqualTo("locked");
            assertThat(linkOutcome(submitLinkPassword(attacker, link, PASSWORD)))
                    .as("even the right password is refused while locked").isEqualTo("locked");
        }
        assertThat(linkedIdentities(victim)).isZero();
    }

    @Test
    void failuresOnTheSignInFormLockTheLinkPageUntilTheBackOffEnds() throws Exception {
        Victim victim = newVictim();
        try (Browser attacker = browserAt(ClientAddresses.next())) {
            for (int guess = 1; guess <= 3; guess++) {
                attacker.signIn(attacker.open("/login"), victim.username(), "guess-" + guess);
            }
        }
        try (Browser owner = browserAt(ClientAddresses.next())) {
            HtmlPage link = linkPage(owner, victim);
            assertThat(linkOutcome(link = submitLinkPassword(owner, link, PASSWORD))).isEqualTo("locked");
            assertThat(linkedIdentities(victim)).isZero();

            clock.advance(Duration.ofSeconds(61));
            assertThat(linkOutcome(submitLinkPassword(owner, link, PASSWORD)))
                    .as("the pending link survived the lock").isEqualTo("linked");
        }
        assertThat(linkedIdentities(victim)).isOne();
    }

    @Test
    void wrongLinkPasswordsCountAgainstTheAddress() throws Exception {
        String address = ClientAddresses.next();
        Victim victim = newVictim();
        try (Browser sprayer = browserAt(address)) {
            for (int attempt = 0; attempt < 7; attempt++) {
                HtmlPage after = sprayer.signIn(sprayer.open("/login"), "sprayed-" + UUID.randomUUID(), "Summer2024!");
                assertThat(after.getUrl().toString()).endsWith("/login?error");
            }
            HtmlPage link = linkPage(sprayer, victim);
            assertThat(linkOutcome(link = submitLinkPassword(sprayer, link, "Summer2024!")))
                    .as("the address's eighth failure").isEqualTo("locked");
            assertThat(linkOutcome(submitLinkPassword(sprayer, link, PASSWORD))).isEqualTo("locked");
        }
        assertThat(linkedIdentities(victim)).isZero();
    }

    /** Signs in upstream as the victim's upstream double, which lands on the page asking for the local password. */
    private HtmlPage linkPage(Browser browser, Victim victim) throws IOException {
        HtmlPage upstreamLogin = browser.click(browser.open("/login"), "continue-with-upstream");
        HtmlPage link = browser.signIn(upstreamLogin, victim.upstreamUsername(),
                victim.upstreamUsername() + "-password");
        assertThat(link.getUrl().toString()).isEqualTo(tollgate() + "/login/link");
        return link;
    }

    private static HtmlPage submitLinkPassword(Browser browser, HtmlPage link, String password) throws IOException {
        link.<HtmlForm>getHtmlElementById("link-form").getInputByName("password").type(password);
        return browser.click(link, "link");
    }

    /** What the link page answered, as "wrong", "locked" or "linked". */
    private String linkOutcome(HtmlPage after) {
        if (after.getUrl().toString().equals(tollgate() + AccountController.PATH)) {
            return "linked";
        }
        if (after.getElementById("link-locked") != null) {
            assertThat(after.getElementById("link-error")).isNull();
            return "locked";
        }
        assertThat(after.getElementById("link-error")).as(after.asNormalizedText()).isNotNull();
        return "wrong";
    }

    private long linkedIdentities(Victim victim) {
        return jdbc.sql("SELECT count(*) FROM federated_identity WHERE user_id = ?").param(victim.id())
                .query(Long.class).single();
    }

    private Browser browserAt(String address) {
        return new Browser(tollgate(), DemoUpstream.issuer()).behindProxy(address);
    }

    /** A Tollgate account, and an upstream account with the same verified email that someone else may control. */
    private Victim newVictim() {
        String username = "victim-" + VICTIMS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String email = username + "@example.com";
        TollgateUser local = users.upsertByUsername(new TollgateUser(UUID.randomUUID(), username,
                passwordEncoder.encode(PASSWORD), email, true, username, true, new TreeSet<>(List.of(Roles.USER))));
        UpstreamUsers.add(username + "-upstream", email, true);
        return new Victim(local.id(), username, username + "-upstream");
    }

    private record Victim(UUID id, String username, String upstreamUsername) {
    }
}
