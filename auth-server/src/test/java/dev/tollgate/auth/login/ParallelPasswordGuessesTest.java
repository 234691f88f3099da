package dev.tollgate.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.secret.SecretDigest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.ClientAddresses;
import dev.tollgate.auth.support.HardenedAuthServerTest;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.testsupport.TestClock;

/**
 * An attacker firing password guesses in parallel, so that they all arrive before any failure is recorded
 * (application-hardened.yml: a username is locked after 3 failures, an address after 8, for 1 minute). Every guess
 * is counted before its password is checked, so the limits hold whatever the concurrency.
 */
@HardenedAuthServerTest
class ParallelPasswordGuessesTest {

    private static final String PASSWORD = "correct horse battery";

    private static final int MAX_FAILURES_PER_ACCOUNT = 3;

    private static final int MAX_FAILURES_PER_ADDRESS = 8;

    @LocalServerPort
    int port;

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @Test
    void twentyParallelWrongPasswordsForOneAccountCheckAtMostThreeAndLockIt() throws Exception {
        String victim = newUser();
        List<Guess> guesses = new ArrayList<>();
        for (int guess = 0; guess < 20; guess++) {
            guesses.add(new Guess(victim, "guess-" + guess, ClientAddresses.next()));
        }

        List<String> outcomes = inParallel(guesses);

        assertThat(outcomes).doesNotContain("signed-in");
        assertThat(outcomes.stream().filter("error"::equals).count()).as("wrong passwords that did not lock")
                .isLessThanOrEqualTo(MAX_FAILURES_PER_ACCOUNT - 1);
        assertThat(failuresCounted("account:" + victim)).as("passwords checked")
                .isEqualTo(MAX_FAILURES_PER_ACCOUNT);
        assertThat(signIn(victim, PASSWORD, ClientAddresses.next())).as("locked for the right password too")
                .isEqualTo("locked");

        clock.advance(Duration.ofSeconds(61));
        assertThat(signIn(victim, PASSWORD, ClientAddresses.next()))
                .as("the refused guesses did not lengthen the lock beyond the first back-off").isEqualTo("signed-in");
    }

    @Test
    void parallelGuessesFromOneAddressAtManyAccountsCheckAtMostTheAddressLimit() throws Exception {
        String address = ClientAddresses.next();
        List<Guess> guesses = new ArrayList<>();
        // 11 stays under the address's sign-in rate limit (12 a minute), so only the lockout can stop them
        for (int guess = 0; guess < 11; guess++) {
            guesses.add(new Guess("sprayed-" + UUID.randomUUID(), "Summer2024!", address));
        }

        List<String> outcomes = inParallel(guesses);

        assertThat(outcomes).doesNotContain("signed-in");
        assertThat(outcomes.stream().filter("error"::equals).count())
                .isLessThanOrEqualTo(MAX_FAILURES_PER_ADDRESS - 1);
        assertThat(failuresCounted("address:" + address)).as("passwords checked")
                .isEqualTo(MAX_FAILURES_PER_ADDRESS);
        assertThat(signIn(newUser(), PASSWORD, address)).as("the address is locked").isEqualTo("locked");
    }

    @Test
    void aSuccessfulSignInIsNotLeftCountedAgainstTheAddress() throws Exception {
        String address = ClientAddresses.next();
        for (int colleague = 0; colleague < 3; colleague++) {
            assertThat(signIn(newUser(), PASSWORD, address)).as("colleagues behind one office address")
                    .isEqualTo("signed-in");
        }
        assertThat(failuresCounted("address:" + address)).as("each guess, counted in advance, was taken back")
                .isZero();
    }

    /** Sends every guess at once, each from a browser of its own, and answers the outcomes. */
    private List<String> inParallel(List<Guess> guesses) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(guesses.size());
        CyclicBarrier together = new CyclicBarrier(guesses.size());
        List<Browser> browsers = new ArrayList<>();
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (Guess guess : guesses) {
                Browser browser = browserAt(guess.address());
                browsers.add(browser);
                HtmlPage login = browser.open("/login");
                outcomes.add(threads.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return outcome(browser.signIn(login, guess.username(), guess.password()));
                }));
            }
            List<String> answered = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                answered.add(outcome.get(60, TimeUnit.SECONDS));
            }
            return answered;
        }
        finally {
            threads.shutdownNow();
            browsers.forEach(Browser::close);
        }
    }

    private String signIn(String username, String password, String address) throws IOException {
        try (Browser browser = browserAt(address)) {
            return outcome(browser.signIn(browser.open("/login"), username, password));
        }
    }

    /** What the server answered, as "error", "locked", "too-many-requests" or "signed-in". */
    private static String outcome(HtmlPage after) {
        String url = after.getUrl().toString();
        if (after.getWebResponse().getStatusCode() == 429) {
            return "too-many-requests";
        }
        if (url.endsWith("/login?locked")) {
            return "locked";
        }
        if (url.endsWith("/login?error")) {
            return "error";
        }
        return "signed-in";
    }

    /** The failures the server holds against a subject, which it stores under a digest of it (V20). */
    private int failuresCounted(String subject) {
        return jdbc.sql("SELECT failures FROM login_failure WHERE subject = ?")
                .param(new SecretDigest().encode(subject))
                .query(Integer.class).optional().orElse(0);
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

    private record Guess(String username, String password, String address) {
    }
}
