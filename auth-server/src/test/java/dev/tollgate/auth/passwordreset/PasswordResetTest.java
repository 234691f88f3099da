package dev.tollgate.auth.passwordreset;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.passwordchange.TemporaryPasswords;
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
 * A forgotten password, reset from the mail the user gets over real SMTP: the link works once and for 15 minutes, the
 * new password follows the policy, and the reset ends every session; the form answers the same for every address.
 */
@AuthServerTest
class PasswordResetTest extends HttpTest {

    private static final Pattern RESET_LINK =
            Pattern.compile(Pattern.quote(AuthServerTest.ISSUER) + "(/forgot-password/reset\\?token=[A-Za-z0-9_-]+)");

    private static final String NEW_PASSWORD = "seven lanterns above the harbour";

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    GreenMail smtp;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TemporaryPasswords temporaryPasswords;

    private TollgateUser user;

    @BeforeEach
    void aUser() {
        user = new TestUsers(users, passwords).create("reset");
    }

    @Test
    void aUserResetsTheirPasswordFromTheMailAndIsSignedOutEverywhere() throws Exception {
        try (Browser elsewhere = new Browser(http.baseUrl()); Browser browser = new Browser(http.baseUrl())) {
            elsewhere.signIn(elsewhere.open("/login"), user.username(), TestUsers.PASSWORD);
            assertThat(elsewhere.isSignedIn()).isTrue();

            HtmlPage forgot = browser.<HtmlPage>open("/login").getHtmlElementById("forgot-password").click();
            HtmlPage sent = requestLink(forgot, user.email().toUpperCase());
            assertThat(sent.getElementById("reset-link-sent")).isNotNull();

            MimeMessage mail = TestMail.awaitMail(smtp, user.email(), 1);
            assertThat(mail.getSubject()).isEqualTo("Choose a new password");
            String link = linkIn(mail);

            HtmlPage form = browser.open(link);
            HtmlPage refused = setPassword(form, "password123", "password123");
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(refused.getHtmlElementById("password-reset-error").asNormalizedText()).isNotBlank();
            refused = setPassword(refused, NEW_PASSWORD, NEW_PASSWORD + "!");
            assertThat(refused.getHtmlElementById("password-reset-error").asNormalizedText())
                    .isEqualTo("The two passwords are not the same.");

            HtmlPage done = setPassword(refused, NEW_PASSWORD, NEW_PASSWORD);
            assertThat(done.getElementById("password-reset-done")).isNotNull();

            assertThat(elsewhere.isSignedIn()).as("the other session ended").isFalse();
            MimeMessage notice = TestMail.awaitMail(smtp, user.email(), 2);
            assertThat(notice.getSubject()).isEqualTo("Your password was changed");

            HtmlPage again = browser.open(link);
            assertThat(again.getWebResponse().getStatusCode()).isEqualTo(410);
            assertThat(again.getElementById("password-reset-refused")).isNotNull();
            assertThat(again.getElementById("password-reset-form")).isNull();

            HtmlPage oldPassword = browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            assertThat(oldPassword.getElementById("login-error")).isNotNull();
            HtmlPage account = browser.signIn(oldPassword, user.username(), NEW_PASSWORD);
            assertThat(account.getElementById("login-form")).isNull();
        }
    }

    @Test
    void aResetReplacesATemporaryPasswordAnAdministratorSet() throws Exception {
        temporaryPasswords.set(user.id(), "given-by-the-helpdesk-42");
        try (Browser browser = new Browser(http.baseUrl())) {
            requestLink(browser.open("/forgot-password"), user.email());
            setPassword(browser.open(linkIn(TestMail.awaitMail(smtp, user.email(), 1))), NEW_PASSWORD, NEW_PASSWORD);

            assertThat(temporaryPasswords.mustChange(user.id())).isFalse();
            HtmlPage signedIn = browser.signIn(browser.open("/login"), user.username(), NEW_PASSWORD);
            assertThat(signedIn.getUrl().getPath()).as("no detour to the temporary password's page")
                    .isNotEqualTo("/password/change");
            assertThat(signedIn.getElementById("login-form")).isNull();
        }
    }

    @Test
    void theMailAndThePagesFollowTheBrowsersLanguage() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage forgot = browser.speaking("de").open("/forgot-password");
            assertThat(forgot.getHtmlElementById("send-link").asNormalizedText()).isEqualTo("Link senden");
            requestLink(forgot, user.email());

            MimeMessage mail = TestMail.awaitMail(smtp, user.email(), 1);
            assertThat(mail.getSubject()).isEqualTo("Neues Passwort wählen");
            assertThat(TestMail.textOf(mail)).contains("15 Minuten");
        }
    }

    @Test
    void aLinkEndsAfterFifteenMinutes() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            requestLink(browser.open("/forgot-password"), user.email());
            String link = linkIn(TestMail.awaitMail(smtp, user.email(), 1));

            clock.advance(java.time.Duration.ofMinutes(15));

            HtmlPage page = browser.open(link);
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(410);
            assertThat(page.getElementById("password-reset-refused")).isNotNull();
        }
    }

    @Test
    void ofTwoParallelResetsWithOneLinkExactlyOneSucceeds() throws Exception {
        try (Browser first = new Browser(http.baseUrl()); Browser second = new Browser(http.baseUrl())) {
            requestLink(first.open("/forgot-password"), user.email());
            String link = linkIn(TestMail.awaitMail(smtp, user.email(), 1));
            HtmlPage firstForm = first.open(link);
            HtmlPage secondForm = second.open(link);

            List<Integer> statuses = Concurrently.run(List.of(
                    () -> setPassword(firstForm, NEW_PASSWORD, NEW_PASSWORD).getWebResponse().getStatusCode(),
                    () -> setPassword(secondForm, NEW_PASSWORD + " two", NEW_PASSWORD + " two").getWebResponse()
                            .getStatusCode()));

            assertThat(statuses).containsExactlyInAnyOrder(200, 410);
        }
    }

    @Test
    void theAnswerIsTheSameWhetherOrNotAnAccountHasTheAddress() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage known = requestLink(browser.open("/forgot-password"), user.email());
            String nobody = "nobody-" + UUID.randomUUID() + "@example.com";
            HtmlPage unknown = requestLink(browser.open("/forgot-password"), nobody);

            assertThat(unknown.getWebResponse().getStatusCode()).isEqualTo(known.getWebResponse().getStatusCode());
            assertThat(headerNames(unknown)).isEqualTo(headerNames(known));
            assertThat(withoutCsrfToken(unknown)).isEqualTo(withoutCsrfToken(known));

            TestMail.awaitMail(smtp, user.email(), 1);
            assertThat(TestMail.mailTo(smtp, nobody)).isEmpty();
        }
    }

    @Test
    void aDisabledUserGetsNoLink() throws Exception {
        TollgateUser marker = new TestUsers(users, passwords).create("reset-marker");
        jdbc.sql("UPDATE users SET enabled = FALSE WHERE id = ?").param(user.id()).update();
        try (Browser browser = new Browser(http.baseUrl())) {
            requestLink(browser.open("/forgot-password"), user.email());
            // requests are handled in order: once the later one's mail is here, the earlier one is done
            requestLink(browser.open("/forgot-password"), marker.email());
            TestMail.awaitMail(smtp, marker.email(), 1);

            assertThat(TestMail.mailTo(smtp, user.email())).isEmpty();
        }
    }

    @Test
    void oneAccountGetsAtMostThreeMailsWhileTheLinksAreValid() throws Exception {
        TollgateUser marker = new TestUsers(users, passwords).create("reset-marker");
        try (Browser browser = new Browser(http.baseUrl())) {
            for (int i = 0; i < 5; i++) {
                requestLink(browser.open("/forgot-password"), user.email());
            }
            requestLink(browser.open("/forgot-password"), marker.email());
            TestMail.awaitMail(smtp, marker.email(), 1);

            assertThat(TestMail.mailTo(smtp, user.email())).hasSize(3);
        }
    }

    @Test
    void aPostWithoutTheCsrfTokenChangesNothing() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            requestLink(browser.open("/forgot-password"), user.email());
            String link = linkIn(TestMail.awaitMail(smtp, user.email(), 1));
            String token = link.substring(link.indexOf("token=") + "token=".length());
            HttpClient client = HttpClient.newHttpClient();

            HttpResponse<String> reset = client.send(form("/forgot-password/reset",
                    "token=" + token + "&password=a+brand+new+passphrase&confirmation=a+brand+new+passphrase"),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> request = client.send(form("/forgot-password", "email=" + user.email()),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(reset.statusCode()).isEqualTo(403);
            assertThat(request.statusCode()).isEqualTo(403);
            assertThat(browser.<HtmlPage>open(link).getElementById("password-reset-form")).as("the link still works")
                    .isNotNull();
            assertThat(users.findById(user.id()).orElseThrow().passwordHash()).isEqualTo(user.passwordHash());
        }
    }

    private HttpRequest form(String path, String body) {
        return HttpRequest.newBuilder(URI.create(http.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static HtmlPage requestLink(HtmlPage forgot, String email) throws IOException {
        HtmlForm form = forgot.getHtmlElementById("forgot-password-form");
        form.getInputByName("email").setValue(email);
        return forgot.getHtmlElementById("send-link").click();
    }

    static HtmlPage setPassword(HtmlPage page, String password, String confirmation) throws Exception {
        HtmlForm form = page.getHtmlElementById("password-reset-form");
        form.getInputByName("password").setValue(password);
        form.getInputByName("confirmation").setValue(confirmation);
        return page.getHtmlElementById("set-password").click();
    }

    /** The path of the reset link in the mail's text part; the link itself is on the issuer. */
    static String linkIn(MimeMessage mail) {
        Matcher link = RESET_LINK.matcher(TestMail.textOf(mail));
        assertThat(link.find()).as("a reset link on the issuer").isTrue();
        return link.group(1);
    }

    private static List<String> headerNames(Page page) {
        return page.getWebResponse().getResponseHeaders().stream().map(header -> header.getName().toLowerCase())
                .sorted().toList();
    }

    private static String withoutCsrfToken(HtmlPage page) {
        return page.getWebResponse().getContentAsString().replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "");
    }
}
