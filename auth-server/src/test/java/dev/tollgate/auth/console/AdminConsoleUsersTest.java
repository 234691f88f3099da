package dev.tollgate.auth.console;

import static dev.tollgate.auth.console.ConsoleBrowser.submit;
import static dev.tollgate.auth.console.ConsoleBrowser.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.passwordchange.TemporaryPasswords;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.testsupport.TestClock;

/**
 * The console's users pages in a browser over real HTTP: what an administrator does there takes effect at once, the
 * rules of administration hold as they do over SCIM, and nothing changes without a recent sign-in and a CSRF token.
 */
@AuthServerTest
class AdminConsoleUsersTest extends HttpTest {

    private static final String TEMPORARY = "from the helpdesk, change me";

    private static final String OWN = "a lantern over the harbour wall";

    @Autowired
    private UserRepository users;

    @Autowired
    private PasswordEncoder passwordEncoder;

    @Autowired
    private TemporaryPasswords temporaryPasswords;

    @Autowired
    private TestClock clock;

    @Test
    void anAdministratorCreatesAUserWhoSignsInWithTheTemporaryPasswordAndMustReplaceIt() throws Exception {
        String username = "carol-" + UUID.randomUUID().toString().substring(0, 8);
        UUID id;
        try (ConsoleBrowser admin = ConsoleBrowser.signedIn(http.baseUrl(), "/admin")) {
            HtmlPage dashboard = admin.open("/admin");
            assertThat(dashboard.getElementById("go-users")).isNotNull();

            HtmlPage form = admin.open("/admin/users/new");
            HtmlPage refused = submit(form, "new-user-form", "create-user", "username", username,
                    "email", username + "@example.com", "name", "Carol", "password", "qwertyuiop123", "confirmation", "qwertyuiop123");
            assertThat(text(refused, "console-error")).contains("common");
            assertThat(users.findByUsername(username)).as("nothing written").isEmpty();
            assertThat(refused.<org.htmlunit.html.HtmlInput>getHtmlElementById("username").getValue())
                    .as("the form keeps what was typed").isEqualTo(username);

            HtmlPage mismatch = submit(refused, "new-user-form", "create-user", "password", OWN, "confirmation", OWN + "!");
            assertThat(text(mismatch, "console-error")).isEqualTo("The two passwords are not the same.");
            HtmlPage created = submit(mismatch, "new-user-form", "create-user", "password", OWN, "confirmation", OWN);
            assertThat(text(created, "console-notice")).isEqualTo("Created " + username + ".");
            assertThat(text(created, "user-roles")).isEqualTo("USER");
            id = UUID.fromString(text(created, "user-id"));

            HtmlPage duplicate = submit(admin.open("/admin/users/new"), "new-user-form", "create-user",
                    "username", username.toUpperCase(), "password", OWN, "confirmation", OWN);
            assertThat(text(duplicate, "console-error")).contains("is already taken");

            HtmlPage found = submit(admin.open("/admin/users"), "user-search", "search", "q", username.substring(0, 9));
            assertThat(found.getElementById("user-" + username)).isNotNull();

            HtmlPage weak = submit(created, "temporary-password-form", "set-temporary-password",
                    "password", "short", "confirmation", "short");
            assertThat(text(weak, "console-error")).isEqualTo("Use at least 12 characters.");
            HtmlPage set = submit(weak, "temporary-password-form", "set-temporary-password",
                    "password", TEMPORARY, "confirmation", TEMPORARY);
            assertThat(text(set, "console-notice")).startsWith("Temporary password set");
            assertThat(text(set, "user-password-state")).startsWith("temporary");
        }
        assertThat(temporaryPasswords.mustChange(id)).isTrue();

        try (Browser user = new Browser(http.baseUrl())) {
            HtmlPage page = user.signIn(user.open("/account"), username, TEMPORARY);
            assertThat(page.getElementById("password-change-form")).as("held on the change page").isNotNull();
        }
    }

    @Test
    void disablingAUserEndsTheirTokensAtOnceAndEnablingLetsThemSignInAgain() throws Exception {
        TollgateUser dave = new TestUsers(users, passwordEncoder).create("dave");
        Grants grants = new Grants(http);
        String refreshToken;
        try (Browser browser = new Browser(http.baseUrl())) {
            refreshToken = grants.exchange(grants.authorize(browser, Grants.Client.DEMO_WEB, dave.username(),
                    TestUsers.PASSWORD, "openid books.read")).field("refresh_token");
        }
        assertThat(refreshToken).isNotNull();

        try (ConsoleBrowser admin = ConsoleBrowser.signedIn(http.baseUrl(), "/admin")) {
            HtmlPage page = admin.open("/admin/users/" + dave.id());
            HtmlPage disabled = admin.browser().click(page, "disable");
            assertThat(text(disabled, "user-status")).isEqualTo("disabled");
            assertThat(grants.refresh(Grants.Client.DEMO_WEB, refreshToken).status()).isEqualTo(400);

            try (Browser browser = new Browser(http.baseUrl())) {
                HtmlPage refused = browser.signIn(browser.open("/login"), dave.username(), TestUsers.PASSWORD);
                assertThat(refused.getElementById("login-error")).isNotNull();
            }
            HtmlPage enabled = admin.browser().click(disabled, "enable");
            assertThat(text(enabled, "user-status")).isEqualTo("active");
        }
        assertThat(users.findById(dave.id()).orElseThrow().enabled()).isTrue();
    }

    @Test
    void twoAdministratorsCreatingOneUsernameAtOnceMakeOneUser() throws Exception {
        String username = "ivy-" + UUID.randomUUID().toString().substring(0, 8);
        try (ConsoleBrowser first = ConsoleBrowser.signedIn(http.baseUrl(), "/admin");
                ConsoleBrowser second = ConsoleBrowser.signedIn(http.baseUrl(), "/admin")) {
            List<HtmlPage> forms = List.of(first.open("/admin/users/new"), second.open("/admin/users/new"));
            List<HtmlPage> answers = Concurrently.run(forms.stream().<Callable<HtmlPage>>map(form -> () ->
                    submit(form, "new-user-form", "create-user", "username", username, "password", OWN,
                            "confirmation", OWN)).toList());
            assertThat(answers).extracting(answer -> text(answer, "console-notice") != null)
                    .containsExactlyInAnyOrder(true, false);
            assertThat(answers).extracting(answer -> text(answer, "console-error"))
                    .containsOnlyOnce("The username '" + username + "' is already taken.");
        }
        assertThat(users.findByUsername(username)).isPresent();
    }

    @Test
    void endingAUsersSessionsSignsTheirBrowserOut() throws Exception {
        TollgateUser henry = new TestUsers(users, passwordEncoder).create("henry");
        try (Browser browser = new Browser(http.baseUrl());
                ConsoleBrowser admin = ConsoleBrowser.signedIn(http.baseUrl(), "/admin")) {
            browser.signIn(browser.open("/login"), henry.username(), TestUsers.PASSWORD);
            assertThat(browser.isSignedIn()).isTrue();

            HtmlPage page = admin.open("/admin/users/" + henry.id());
            assertThat(page.getByXPath("//table[@id='sessions']/tbody/tr")).hasSize(1);
            HtmlPage ended = admin.browser().click(page, "end-sessions");
            assertThat(text(ended, "console-notice")).startsWith("Their sessions ended");
            assertThat(ended.getElementById("no-sessions")).isNotNull();
            assertThat(browser.isSignedIn()).isFalse();
        }
    }

    @Test
    void theRulesOfAdministrationHoldInTheConsoleAsOverScim() throws Exception {
        TollgateUser admin = users.findByUsername(ConsoleBrowser.ADMIN).orElseThrow();
        try (ConsoleBrowser console = ConsoleBrowser.signedIn(http.baseUrl(), "/admin")) {
            HtmlPage own = console.open("/admin/users/" + admin.id());
            HtmlPage refused = console.browser().click(own, "disable");
            assertThat(text(refused, "console-error"))
                    .isEqualTo("You cannot disable your own account; another administrator can.");
            assertThat(text(refused, "user-status")).isEqualTo("active");

            HtmlPage noRole = submit(refused, "roles-form", "save-roles", "role-ADMIN", "false", "role-USER", "false");
            assertThat(text(noRole, "console-error")).isEqualTo("Choose at least one role.");

            TollgateUser erin = new TestUsers(users, passwordEncoder).create("erin");
            HtmlPage promoted = submit(console.open("/admin/users/" + erin.id()), "roles-form", "save-roles",
                    "role-ADMIN", "true");
            assertThat(text(promoted, "user-roles")).isEqualTo("ADMIN, USER");
            HtmlPage profile = submit(promoted, "profile-form", "save-profile", "email", "erin@example.org",
                    "name", "Erin E.");
            assertThat(text(profile, "console-notice")).isEqualTo("Saved.");
            assertThat(users.findById(erin.id()).orElseThrow().email()).isEqualTo("erin@example.org");
            HtmlPage taken = submit(profile, "profile-form", "save-profile", "email",
                    admin.email() == null ? "admin@tollgate.test" : admin.email().toUpperCase());
            if (admin.email() != null) {
                assertThat(text(taken, "console-error")).contains("belongs to another user");
            }
            HtmlPage demoted = submit(taken, "roles-form", "save-roles", "role-ADMIN", "false");
            assertThat(text(demoted, "user-roles")).isEqualTo("USER");
        }
    }

    @Test
    void aUserGetsAForbiddenPageAndSomeoneSignedOutTheLoginPage() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage login = browser.open("/admin/users");
            assertThat(login.getElementById("login-form")).isNotNull();
            Page forbidden = browser.signIn(login, "alice", "alice-password");
            assertThat(forbidden.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(((HtmlPage) forbidden).asNormalizedText())
                    .contains("You can't do that here", "a role your account does not have")
                    .doesNotContain("Exception");
            assertThat(browser.<Page>open("/admin").getWebResponse().getStatusCode()).isEqualTo(403);
        }
    }

    @Test
    void aPostWithoutTheCsrfTokenChangesNothing() throws Exception {
        TollgateUser frank = new TestUsers(users, passwordEncoder).create("frank");
        try (ConsoleBrowser admin = ConsoleBrowser.signedIn(http.baseUrl(), "/admin")) {
            Page refused = admin.browser().post("/admin/users/" + frank.id() + "/disable", Map.of());
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
            Page forged = admin.browser().post("/admin/users/" + frank.id() + "/disable", Map.of("_csrf", "forged"));
            assertThat(forged.getWebResponse().getStatusCode()).isEqualTo(403);
        }
        assertThat(users.findById(frank.id()).orElseThrow().enabled()).isTrue();
    }

    @Test
    void aStaleSignInChangesNothingUntilTheAdministratorSignsInAgain() throws Exception {
        TollgateUser grace = new TestUsers(users, passwordEncoder).create("grace");
        try (ConsoleBrowser admin = ConsoleBrowser.signedIn(http.baseUrl(), "/admin")) {
            HtmlPage page = admin.open("/admin/users/" + grace.id());
            clock.advance(Duration.ofMinutes(16));

            HtmlPage login = admin.browser().click(page, "disable");
            assertThat(login.getElementById("fresh-sign-in")).as("asked to sign in again").isNotNull();
            assertThat(login.<org.htmlunit.html.HtmlInput>getHtmlElementById("username").getValue())
                    .isEqualTo(ConsoleBrowser.ADMIN);
            assertThat(users.findById(grace.id()).orElseThrow().enabled()).as("nothing changed").isTrue();

            HtmlPage back = submit(login, "login-form", "sign-in", "password", ConsoleBrowser.ADMIN_PASSWORD);
            assertThat(text(back, "user-username")).as("back on the page, not %s", back.getUrl()).isEqualTo(grace.username());
            HtmlPage disabled = admin.browser().click(back, "disable");
            assertThat(text(disabled, "user-status")).isEqualTo("disabled");
        }
        assertThat(users.findById(grace.id()).orElseThrow().enabled()).isFalse();
    }
}
