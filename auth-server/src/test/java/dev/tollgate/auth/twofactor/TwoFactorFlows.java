package dev.tollgate.auth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.support.SignedTokens;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.testsupport.TestClock;

/** The shared context with a test user's authenticator app at hand, and the demo-web client's side of a flow. */
@AuthServerTest
abstract class TwoFactorFlows extends HttpTest {

    static final String REDIRECT_URI = AuthServerTest.DEMO_WEB_REDIRECT_URI;

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    TotpAuthenticators stored;

    @Autowired
    TestClock clock;

    TestUsers testUsers;

    Authenticators app;

    @BeforeEach
    void aUserAndTheirApp() {
        testUsers = new TestUsers(users, passwords);
        app = new Authenticators(stored, clock);
    }

    static void approveIfAsked(Browser browser, HtmlPage page) throws Exception {
        if (page.getElementById("approve") != null) {
            browser.click(page, "approve");
        }
    }

    /** The ID token demo-web gets for the code the browser brought back. */
    static JWTClaimsSet idToken(OAuthHttp http, Browser browser, Pkce pkce) throws Exception {
        Reply tokens = http.post("/oauth2/token", "demo-web", "demo-web-secret", Map.of("grant_type",
                "authorization_code", "code", browser.callbackParameters().get("code"), "redirect_uri", REDIRECT_URI,
                "code_verifier", pkce.verifier()));
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        return SignedTokens.verified(tokens.field("id_token"), http).getJWTClaimsSet();
    }
}
