package dev.tollgate.auth.signup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.TestMail;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.testsupport.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-up (on in the demo profile): the account exists at once and can sign in, its address is verified only by the
 * single-use link in the mail, and the form tells nobody which addresses have an account.
 */
@AuthServerTest
class SignUpTest extends HttpTest {

    private static final Pattern VERIFY_LINK =
            Pattern.compile(Pattern.quote(AuthServerTest.ISSUER) + "(/verify-email\\?token=[A-Za-z0-9_-]+)");

    private static final String PASSWORD = "a bicycle leaning on the fence";

    @Autowired
    UserRepository users;

    @Autowired
    GreenMail smtp;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.security.crypto.password.PasswordEncoder passwords;

    @Test
    void aPersonSignsUpSignsInAndVerifiesTheirAddressOnce() throws Exception {
        String username = newName();
        String email = username + "@example.com";
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage form = browser.<HtmlPage>open("/login").getHtmlElementById("create-account").click();
            HtmlPage sent = signUp(form, username, email, PASSWORD, PASSWORD);
            assertThat(sent.getElementById("signup-sent")).isNotNull();

            TollgateUser created = users.findByUsername(username).orElseThrow();
            assertThat(created.emailVerified()).isFalse();
            assertThat(created.roles()).containsExactly("USER");
            HtmlPage signedIn = browser.signIn(browser.open("/login"), username, PASSWORD);
            assertThat(signedIn.getElementById("login-form")).as("an unverified account signs in").isNull();

            MimeMessage mail = TestMail.awaitMail(smtp, email, 1);
            assertThat(mail.getSubject()).isEqualTo("Verify your email address");
            assertThat(TestMail.textOf(mail)).contains("24 hours");
            String link = linkIn(mail);

            HtmlPage verified = browser.open(link);
            assertThat(verified.getElementById("email-verified")).isNotNull();
            assertThat(users.findByUsername(username).orElseThrow().emailVerified()).isTrue();

            HtmlPage again = browser.open(link);
            assertThat(again.getWebResponse().getStatusCode()).isEqualTo(410);
            assertThat(again.getElementById("verify-email-refused")).isNotNull();
        }
    }

    @Test
    void aVerificationLinkEndsAfter24Hours() throws Exception {
        String username = newName();
        try (Browser browser = new Browser(http.baseUrl())) {
            signUp(browser.open("/register"), username, username + "@example.com", PASSWORD, PASSWORD);
            String link = linkIn(TestMail.awaitMail(smtp, username + "@example.com", 1));

            clock.advance(Duration.ofHours(24));

            assertThat(browser.<HtmlPage>open(link).getWebResponse().getStatusCode()).isEqualTo(410);
            assertThat(users.findByUsername(username).orElseThrow().emailVerified()).isFalse();
        }
    }

    @Test
    void anAddressWithAnAccountGetsANoteAndThePageAnswersAsForANewOne() throws Exception {
        TollgateUser existing = new TestUsers(users, passwords).create("owner");
        String username = newName();
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage sent = signUp(browser.open("/register"), username, existing.email().toUpperCase(), PASSWORD,
                    PASSWORD);

            assertThat(sent.getElementById("signup-sent")).isNotNull();
            assertThat(users.findByUsername(username)).isEmpty();
            MimeMessage note = TestMail.awaitMail(smtp, existing.email(), 1);
            assertThat(note.getSubject()).isEqualTo("You already have an account");
            assertThat(TestMail.textOf(note)).contains(AuthServerTest.ISSUER + "/forgot-password");
        }
    }

    @Test
    void badInputIsRefusedWithAReasonAndCreatesNothing() throws Exception {
        TollgateUser existing = new TestUsers(users, passwords).create("taken");
        String username = newName();
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage form = browser.open("/register");
            form = refused(signUp(form, existing.username().toUpperCase(), username + "@example.com", PASSWORD, PASSWORD),
                    "That username is taken. Choose another one.");
            form = refused(signUp(form, "a b", username + "@example.com", PASSWORD, PASSWORD),
                    "Choose a username of 3 to 100 letters, digits and . _ @ + -");
            form = refused(signUp(form, username, "not-an-address", PASSWORD, PASSWORD),
                    "Enter a valid email address.");
            form = refused(signUp(form, username, username + "@example.com", PASSWORD, PASSWORD + "!"),
                    "The two passwords are not the same.");
            HtmlPage weak = signUp(form, username, username + "@example.com", "password123", "password123");
            assertThat(weak.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(weak.getHtmlElementById("signup-error").asNormalizedText()).isNotBlank();
            assertThat(weak.getHtmlElementById("username").getAttribute("value")).isEqualTo(username);
        }
        assertThat(users.findByUsername(username)).isEmpty();
    }

    @Test
    void ofParallelSignUpsForOneUsernameOneIsCreated() {
        String username = newName();
        List<Integer> statuses = Concurrently.times(4, () -> {
            try (Browser browser = new Browser(http.baseUrl())) {
                String email = UUID.randomUUID() + "@example.com";
                return signUp(browser.open("/register"), username, email, PASSWORD, PASSWORD).getWebResponse()
                        .getStatusCode();
            }
        });

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 400).hasSize(3);
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE username = ?").param(username).query(Long.class)
                .single()).isEqualTo(1);
    }

    @RepeatedTest(3)
    void ofParallelSignUpsAndAnEmailChangeToOneAddressOneAccountGetsIt() throws Exception {
        String contested = newName() + "@example.com";
        TollgateUser changing = new TestUsers(users, passwords).create("signup-race");
        try (Browser signedIn = new Browser(http.baseUrl())) {
            signedIn.signIn(signedIn.open("/login"), changing.username(), TestUsers.PASSWORD);
            HtmlPage account = signedIn.open("/account");
            HtmlForm profile = account.getHtmlElementById("profile-form");
            profile.getInputByName("email").setValue(contested);
            List<Callable<Object>> attempts = new ArrayList<>();
            attempts.add(() -> signedIn.click(account, "save-profile"));
            for (int i = 0; i < 4; i++) {
                attempts.add(() -> {
                    try (Browser browser = new Browser(http.baseUrl())) {
                        return signUp(browser.open("/register"), newName(), contested, PASSWORD, PASSWORD);
                    }
                });
            }

            Concurrently.run(attempts);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE lower(email) = ?").param(contested)
                .query(Long.class).single()).as("one account has the address").isEqualTo(1);
    }

    @Test
    void aPostWithoutTheCsrfTokenCreatesNothing() throws Exception {
        String username = newName();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(http.baseUrl() + "/register"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&email=" + username
                        + "%40example.com&password=a+long+enough+passphrase&confirmation=a+long+enough+passphrase"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(users.findByUsername(username)).isEmpty();
    }

    static HtmlPage signUp(HtmlPage page, String username, String email, String password, String confirmation)
            throws IOException {
        HtmlForm form = page.getHtmlElementById("signup-form");
        form.getInputByName("username").setValue(username);
        form.getInputByName("email").setValue(email);
        form.getInputByName("password").setValue(password);
        form.getInputByName("confirmation").setValue(confirmation);
        return page.getHtmlElementById("create-account").click();
    }

    private static HtmlPage refused(HtmlPage page, String reason) {
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(page.getHtmlElementById("signup-error").asNormalizedText()).isEqualTo(reason);
        return page;
    }

    private static String linkIn(MimeMessage mail) {
        Matcher link = VERIFY_LINK.matcher(TestMail.textOf(mail));
        assertThat(link.find()).as("a verification link on the issuer").isTrue();
        return link.group(1);
    }

    static String newName() {
        return "signup-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
