package dev.tollgate.auth.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.DemoUpstream;
import dev.tollgate.auth.support.FederationTest;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.user.UserRepository;

/** However an upstream sign-in fails, the person is back on the login page with a message and no user was made. */
class UpstreamSignInFailuresTest extends FederationTest {

    @Autowired
    UserRepository users;

    @Autowired
    FederatedAccounts accounts;

    @Autowired
    UpstreamProviders providers;

    @Autowired
    JdbcClient jdbc;

    @Test
    void whenTheUpstreamAnswersAccessDeniedThenTheLoginPageSaysSoAndNoUserIsCreated() throws Exception {
        assertTamperedAnswerRefused("dave", answer -> answer.replaceFirst("\\?code=[^&]*", "?error=access_denied"),
                "cancelled");
    }

    @Test
    void whenTheStateComingBackIsTamperedWithThenTheLoginPageSaysSoAndNoUserIsCreated() throws Exception {
        assertTamperedAnswerRefused("erin", answer -> answer.replaceFirst("state=[^&]*", "state=forged"), "expired");
    }

    @Test
    void whenTheAnswerNamesAnotherIssuerThenTheLoginPageSaysSoAndNoUserIsCreated() throws Exception {
        assertTamperedAnswerRefused("judy",
                answer -> answer.replaceFirst("iss=[^&]*", "iss=https%3A%2F%2Fmix-up.example"), "cannot accept");
    }

    @Test
    void whenTheProviderRequiresAVerifiedEmailThenAnUnverifiedOneIsRefusedWithAMessage() throws Exception {
        UpstreamUsers.add("frank", "frank@example.com", false);
        long usersBefore = userCount();
        try (Browser browser = new Browser(tollgate(), DemoUpstream.issuer())) {
            HtmlPage login = browser.signIn(continueWith(browser, "strict"), "frank", "frank-password");
            assertOnLoginPageSaying(login, "verified your email");
        }
        assertThat(userCount()).isEqualTo(usersBefore);
    }

    @Test
    void whenTheProviderCannotBeReachedThenTheLoginPageSaysSo() throws Exception {
        try (Browser browser = new Browser(tollgate(), DemoUpstream.issuer())) {
            HtmlPage login = continueWith(browser, "offline");
            assertOnLoginPageSaying(login, "could not be reached");
            assertThat(login.getElementById("login-form")).as("password sign-in still offered").isNotNull();
        }
    }

    @Test
    void whenStoringAFirstSignInFailsHalfwayThenNoUserIsLeftBehind() {
        UpstreamProvider upstream = providers.byId("upstream").orElseThrow();
        UpstreamIdentity tooLongSubject = new UpstreamIdentity("upstream", "s".repeat(300), "grace@example.com",
                false, "grace", "Grace");
        assertThatThrownBy(() -> accounts.signIn(upstream, tooLongSubject)).isInstanceOf(DataAccessException.class);
        assertThat(users.findByUsername("grace")).as("the user insert was rolled back with the link").isEmpty();
    }

    /** A new upstream user signs in, but the upstream's answer on its way back to Tollgate is changed. */
    private void assertTamperedAnswerRefused(String username, UnaryOperator<String> tamper, String message)
            throws Exception {
        UpstreamUsers.add(username, username + "@example.com", true);
        long usersBefore = userCount();
        try (Browser browser = new Browser(tollgate(), DemoUpstream.issuer())) {
            HtmlPage upstreamLogin = continueWith(browser, "upstream");
            browser.rewriteRequests(url -> url.contains("/login/oauth2/code/upstream?") ? tamper.apply(url) : url);
            HtmlPage login = browser.signIn(upstreamLogin, username, username + "-password");
            assertOnLoginPageSaying(login, message);
        }
        assertThat(userCount()).isEqualTo(usersBefore);
        assertThat(users.findByUsername(username)).isEmpty();
    }

    private HtmlPage continueWith(Browser browser, String provider) throws Exception {
        HtmlPage login = browser.open(Browser.authorizePath("demo-web", AuthServerTest.DEMO_WEB_REDIRECT_URI,
                "openid profile", "f1", Pkce.create()));
        return browser.click(login, "continue-with-" + provider);
    }

    private void assertOnLoginPageSaying(HtmlPage page, String message) {
        assertThat(page.getUrl().toString()).isEqualTo(tollgate() + "/login");
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(page.getElementById("upstream-error")).as(page.asNormalizedText()).isNotNull();
        assertThat(page.getElementById("upstream-error").asNormalizedText()).contains(message);
    }

    private long userCount() {
        return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
    }
}
