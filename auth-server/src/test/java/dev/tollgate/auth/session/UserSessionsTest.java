package dev.tollgate.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

@AuthServerTest
class UserSessionsTest extends HttpTest {

    @Autowired
    UserSessions userSessions;

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwords;

    private Grants grants;

    private TestUsers testUsers;

    @BeforeEach
    void setUp() {
        grants = new Grants(http);
        testUsers = new TestUsers(users, passwords);
    }

    @Test
    void listsEverySignInSessionOfTheUserWithItsDeviceAndClients() throws Exception {
        TollgateUser user = testUsers.create("sessions");
        try (Browser laptop = new Browser(http.baseUrl()); Browser phone = new Browser(http.baseUrl())) {
            grants.exchange(grants.authorize(laptop, Client.DEMO_WEB, user.username(), TestUsers.PASSWORD, "openid"));
            grants.exchange(grants.authorize(phone, Client.DEMO_CLI, user.username(), TestUsers.PASSWORD, "openid"));

            List<SignInSession> sessions = userSessions.list(user.id());

            assertThat(sessions).hasSize(2);
            assertThat(sessions).extracting(SignInSession::clients)
                    .containsExactlyInAnyOrder(List.of("demo-web"), List.of("demo-cli"));
            assertThat(sessions).allSatisfy(session -> {
                assertThat(session.id()).isNotBlank().isNotIn(laptop.sessionCookie(), phone.sessionCookie());
                assertThat(session.created()).isNotNull();
                assertThat(session.lastUsed()).isAfterOrEqualTo(session.created());
                assertThat(session.address()).isEqualTo("127.0.0.1");
                assertThat(session.userAgent()).startsWith("Mozilla/");
            });
            assertThat(sessions.get(0).id()).isNotEqualTo(sessions.get(1).id());
        }
    }

    @Test
    void endingAllSignsTheUserOutEverywhereAndRevokesEveryTokenOfTheUserOnly() throws Exception {
        TollgateUser user = testUsers.create("sessions");
        TollgateUser bystander = testUsers.create("bystander");
        try (Browser laptop = new Browser(http.baseUrl()); Browser phone = new Browser(http.baseUrl());
                Browser other = new Browser(http.baseUrl())) {
            Reply web = grants.exchange(grants.authorize(laptop, Client.DEMO_WEB, user.username(), TestUsers.PASSWORD,
                    "openid books.read"));
            Reply cli = grants.exchange(grants.authorize(phone, Client.DEMO_CLI, user.username(), TestUsers.PASSWORD,
                    "openid books.read"));
            Reply untouched = grants.exchange(grants.authorize(other, Client.DEMO_WEB, bystander.username(),
                    TestUsers.PASSWORD, "openid books.read"));
            assertThat(isSignedIn(laptop)).isTrue();

            UserSessions.Ended ended = userSessions.endAll(user.id());

            assertThat(ended.sessions()).isEqualTo(2);
            assertThat(ended.authorizations()).isEqualTo(2);
            assertThat(userSessions.list(user.id())).isEmpty();
            assertThat(isSignedIn(laptop)).as("the laptop's session ended").isFalse();
            assertThat(isSignedIn(phone)).as("the phone's session ended").isFalse();
            for (Reply tokens : List.of(web, cli)) {
                assertThat(grants.isActive(tokens.field("access_token"))).isFalse();
                assertThat(grants.isActive(tokens.field("refresh_token"))).isFalse();
            }
            assertThat(grants.isActive(untouched.field("access_token"))).isTrue();
            assertThat(grants.isActive(untouched.field("refresh_token"))).isTrue();
            assertThat(isSignedIn(other)).isTrue();
        }
    }

    private static boolean isSignedIn(Browser browser) throws Exception {
        HtmlPage account = browser.open("/account");
        return account.getElementById("login-form") == null;
    }
}
