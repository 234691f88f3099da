package dev.tollgate.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.htmlunit.Page;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.session.SignInSession;
import dev.tollgate.auth.session.UserSessions;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * A user sees where they are signed in on the account page and signs out of other sessions there: one, or all but
 * this browser. Ending a session also takes the access of the applications signed in through it. Nobody ends another
 * user's session by its id, and a post without the CSRF token ends nothing.
 */
@AuthServerTest
class AccountSessionsTest extends HttpTest {

    static final String FIREFOX_ON_LINUX =
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    UserSessions sessions;

    TestUsers testUsers;

    Grants grants;

    @BeforeEach
    void setUp() {
        testUsers = new TestUsers(users, passwords);
        grants = new Grants(http);
    }

    @Test
    void theOtherSessionIsListedWithItsDeviceAndSigningItOutRevokesWhatWasGrantedThere() throws Exception {
        TollgateUser user = testUsers.create("sessions");
        try (Browser laptop = new Browser(http.baseUrl()); Browser phone = new Browser(http.baseUrl())) {
            phone.withUserAgent(FIREFOX_ON_LINUX);
            Reply tokens = grants.exchange(grants.authorize(phone, Client.DEMO_WEB, user.username(),
                    TestUsers.PASSWORD, "openid profile"));
            assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
            laptop.signIn(laptop.open("/login"), user.username(), TestUsers.PASSWORD);

            HtmlPage account = laptop.open(AccountController.PATH);
            List<HtmlElement> rows = sessionRows(account);
            assertThat(rows).hasSize(2);
            HtmlElement current = rows.stream().filter(row -> row.asNormalizedText().contains("(this browser)"))
                    .findFirst().orElseThrow();
            assertThat(current.asNormalizedText()).contains("signed in").contains("last used").contains("UTC");
            assertThat(current.getElementsByTagName("button")).as("this browser signs out below").isEmpty();
            HtmlElement other = rows.stream().filter(row -> row != current).findFirst().orElseThrow();
            assertThat(other.asNormalizedText()).contains("Firefox on Linux").contains("from 127.0.0.1");

            account = other.getElementsByTagName("button").get(0).click();
            assertThat(account.getElementById("account-notice").asNormalizedText()).contains("signed out");
            assertThat(sessionRows(account)).hasSize(1);
            assertThat(phone.isSignedIn()).isFalse();
            assertThat(laptop.isSignedIn()).isTrue();
            assertThat(grants.refresh(Client.DEMO_WEB, tokens.field("refresh_token")).status()).isEqualTo(400);
            assertThat(grants.isActive(tokens.field("access_token"))).isFalse();
        }
    }

    @Test
    void signingOutAllOtherSessionsKeepsThisBrowser() throws Exception {
        TollgateUser user = testUsers.create("sessions");
        try (Browser here = new Browser(http.baseUrl()); Browser second = new Browser(http.baseUrl());
                Browser third = new Browser(http.baseUrl())) {
            for (Browser browser : List.of(second, third, here)) {
                browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            }
            HtmlPage account = here.open(AccountController.PATH);
            assertThat(sessionRows(account)).hasSize(3);

            account = here.click(account, "end-other-sessions");

            assertThat(account.getElementById("account-notice").asNormalizedText())
                    .isEqualTo("All 2 other sessions are signed out.");
            assertThat(sessionRows(account)).hasSize(1);
            assertThat(account.getElementById("end-other-sessions")).isNull();
            assertThat(second.isSignedIn()).isFalse();
            assertThat(third.isSignedIn()).isFalse();
            assertThat(here.isSignedIn()).isTrue();
        }
    }

    @Test
    void theSessionIdOfAnotherUserEndsNothing() throws Exception {
        TollgateUser attacker = testUsers.create("attacker");
        TollgateUser victim = testUsers.create("victim");
        try (Browser attackers = new Browser(http.baseUrl()); Browser attackersOther = new Browser(http.baseUrl());
                Browser victims = new Browser(http.baseUrl())) {
            victims.signIn(victims.open("/login"), victim.username(), TestUsers.PASSWORD);
            attackersOther.signIn(attackersOther.open("/login"), attacker.username(), TestUsers.PASSWORD);
            attackers.signIn(attackers.open("/login"), attacker.username(), TestUsers.PASSWORD);
            String victimsSession = sessions.list(victim.id()).get(0).id();

            HtmlPage account = attackers.open(AccountController.PATH);
            HtmlForm endForm = (HtmlForm) account.getHtmlElementById("session-1").getElementsByTagName("form").get(0);
            endForm.getInputByName("session").setValue(victimsSession);
            account = endForm.getElementsByTagName("button").get(0).click();

            assertThat(account.getElementById("account-error").asNormalizedText())
                    .isEqualTo("That session is no longer signed in.");
            assertThat(sessions.list(victim.id())).extracting(SignInSession::id).containsExactly(victimsSession);
            assertThat(victims.isSignedIn()).isTrue();
            assertThat(sessions.list(attacker.id())).hasSize(2);
        }
    }

    @Test
    void aPostWithoutTheCsrfTokenEndsNoSession() throws Exception {
        TollgateUser user = testUsers.create("sessions");
        try (Browser here = new Browser(http.baseUrl()); Browser other = new Browser(http.baseUrl())) {
            other.signIn(other.open("/login"), user.username(), TestUsers.PASSWORD);
            here.signIn(here.open("/login"), user.username(), TestUsers.PASSWORD);
            String othersId = sessions.list(user.id()).stream().map(SignInSession::id).toList().get(1);

            Page refused = here.post("/account/sessions/end-others", Map.of());
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
            refused = here.post("/account/sessions/end", Map.of("session", othersId));
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);

            assertThat(other.isSignedIn()).isTrue();
            assertThat(sessions.list(user.id())).hasSize(2);
        }
    }

    static List<HtmlElement> sessionRows(HtmlPage account) {
        return account.getHtmlElementById("sessions").getElementsByTagName("li");
    }
}
