package dev.tollgate.auth.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tollgate.auth.conformance.RelyingParty.AuthenticationRequest;
import dev.tollgate.auth.conformance.RelyingParty.Tokens;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.HttpTest;

/**
 * The OpenID Foundation conformance suite's RP-Initiated Logout plan ({@code oidcc-rp-initiated-logout-*}), and the
 * session identity it rests on: each browser's sign-in is its own session, with its own {@code sid}.
 */
@AuthServerTest
class RpInitiatedLogoutConformanceTest extends HttpTest {

    RelyingParty rp;

    @BeforeEach
    void aClientOfTheOp() {
        rp = new RelyingParty(http);
    }

    /** oidcc-rp-initiated-logout: back to the registered post_logout_redirect_uri with state, and signed out. */
    @Test
    void oidccRpInitiatedLogout_endsTheSessionAndRedirectsWithState() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Tokens tokens = rp.signIn(browser, "alice", "alice-password");
            browser.open(RelyingParty.logoutPath("id_token_hint", tokens.idTokenValue(),
                    "post_logout_redirect_uri", RelyingParty.POST_LOGOUT_REDIRECT_URI, "state", "bye"));
            assertThat(browser.callback().toString()).startsWith(RelyingParty.POST_LOGOUT_REDIRECT_URI);
            assertThat(browser.callbackParameters()).containsEntry("state", "bye");

            AuthenticationRequest afterwards = rp.request("prompt", "none");
            rp.open(browser, afterwards);
            assertThat(browser.callbackParameters()).as("the session is over").containsEntry("error", "login_required");
        }
    }

    /** oidcc-rp-initiated-logout-no-state: the redirect carries no state when none was sent. */
    @Test
    void oidccRpInitiatedLogoutNoState_redirectsWithoutState() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Tokens tokens = rp.signIn(browser, "alice", "alice-password");
            browser.open(RelyingParty.logoutPath("id_token_hint", tokens.idTokenValue(),
                    "post_logout_redirect_uri", RelyingParty.POST_LOGOUT_REDIRECT_URI));
            assertThat(browser.callback().toString()).startsWith(RelyingParty.POST_LOGOUT_REDIRECT_URI);
            assertThat(browser.callbackParameters()).doesNotContainKey("state");
        }
    }

    /** oidcc-rp-initiated-logout-bad-post-logout-redirect-uri: never a redirect to an unregistered URI. */
    @Test
    void oidccRpInitiatedLogoutBadLogoutRedirectUri_isNotRedirectedTo() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Tokens tokens = rp.signIn(browser, "alice", "alice-password");
            Page page = browser.open(RelyingParty.logoutPath("id_token_hint", tokens.idTokenValue(),
                    "post_logout_redirect_uri", "https://attacker.example/", "state", "bye"));
            assertThat(browser.callback()).isNull();
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
        }
    }

    /** oidcc-rp-initiated-logout-modified-id-token-hint: an unsigned (alg none) copy of the ID token is refused. */
    @Test
    void oidccRpInitiatedLogoutModifiedIdTokenHint_isNotRedirectedTo() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Tokens tokens = rp.signIn(browser, "alice", "alice-password");
            String[] parts = tokens.idTokenValue().split("\\.");
            String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                    + "." + parts[1] + ".";
            browser.open(RelyingParty.logoutPath("id_token_hint", unsigned,
                    "post_logout_redirect_uri", RelyingParty.POST_LOGOUT_REDIRECT_URI, "state", "bye"));
            assertThat(browser.callback()).isNull();
        }
    }

    /** oidcc-rp-initiated-logout-no-id-token-hint: no redirect without proof of which client asks. */
    @Test
    void oidccRpInitiatedLogoutNoIdTokenHint_isNotRedirectedTo() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            rp.signIn(browser, "alice", "alice-password");
            Page page = browser.open(RelyingParty.logoutPath(
                    "post_logout_redirect_uri", RelyingParty.POST_LOGOUT_REDIRECT_URI, "state", "bye"));
            assertThat(browser.callback()).isNull();
            assertThat(page.getWebResponse().getStatusCode()).isLessThan(500);
        }
    }

    /** oidcc-rp-initiated-logout-no-params: the user is asked on the sign-out page, and signing out there works. */
    @Test
    void oidccRpInitiatedLogoutNoParams_asksTheUserAndSignsOut() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            rp.signIn(browser, "alice", "alice-password");
            HtmlPage page = browser.open(RelyingParty.logoutPath());
            assertThat(browser.callback()).isNull();
            assertThat(page.getElementById("logout-form")).as("the sign-out page").isNotNull();
            browser.click(page, "sign-out");

            rp.open(browser, rp.request("prompt", "none"));
            assertThat(browser.callbackParameters()).as("signed out").containsEntry("error", "login_required");
        }
    }

    /** Three browsers of one user: three sessions, three sids, and each logs out with its own ID token. */
    @Test
    void eachBrowserHasItsOwnSidAndLogsOutWithItsOwnIdToken() throws Exception {
        List<Browser> browsers = List.of(new Browser(http.baseUrl()), new Browser(http.baseUrl()),
                new Browser(http.baseUrl()));
        try {
            List<Tokens> tokens = new ArrayList<>();
            for (Browser browser : browsers) {
                tokens.add(rp.signIn(browser, "alice", "alice-password"));
            }
            Set<String> sids = tokens.stream().map(Tokens::sid).collect(Collectors.toSet());
            assertThat(sids).as("one sid per browser").hasSize(3).doesNotContainNull();

            for (int i = 0; i < browsers.size(); i++) {
                Browser browser = browsers.get(i);
                Tokens refreshed = rp.refresh(tokens.get(i));
                assertThat(refreshed.sid()).as("a refresh keeps the browser's sid").isEqualTo(tokens.get(i).sid());
                Page page = browser.open(RelyingParty.logoutPath("id_token_hint", refreshed.idTokenValue(),
                        "post_logout_redirect_uri", RelyingParty.POST_LOGOUT_REDIRECT_URI, "state", "b" + i));
                assertThat(browser.callback()).as("browser %d logs out: %s", i,
                        page.getWebResponse().getContentAsString()).isNotNull();
                assertThat(browser.callbackParameters()).containsEntry("state", "b" + i);
            }
        }
        finally {
            browsers.forEach(Browser::close);
        }
    }

    /** An ID token of another browser's session does not end this browser's session. */
    @Test
    void anIdTokenOfAnotherBrowsersSessionDoesNotEndThisOne() throws Exception {
        try (Browser mine = new Browser(http.baseUrl()); Browser other = new Browser(http.baseUrl())) {
            rp.signIn(mine, "alice", "alice-password");
            Tokens others = rp.signIn(other, "alice", "alice-password");
            mine.open(RelyingParty.logoutPath("id_token_hint", others.idTokenValue(),
                    "post_logout_redirect_uri", RelyingParty.POST_LOGOUT_REDIRECT_URI));
            assertThat(mine.callback()).isNull();
            AuthenticationRequest stillSignedIn = rp.request("prompt", "none");
            rp.open(mine, stillSignedIn);
            assertThat(mine.callbackParameters()).containsKey("code");
        }
    }
}
