package dev.tollgate.auth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.DemoUpstream;
import dev.tollgate.auth.support.FederationTest;
import dev.tollgate.auth.support.OAuthHttp;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * A user with TOTP who signs in through an upstream provider gives the code too: an upstream sign-in is a first
 * factor like a password, and it is not a way around the second.
 */
class UpstreamSignInWithTotpTest extends FederationTest {

    private static final String REDIRECT_URI = TwoFactorFlows.REDIRECT_URI;

    @Autowired
    UserRepository users;

    @Autowired
    TotpAuthenticators stored;

    @Autowired
    Clock clock;

    @Test
    void anUpstreamSignInIsUpstreamAloneAndAsksForTheCodeOnceTotpIsOn() throws Exception {
        String username = "tara-" + UUID.randomUUID().toString().substring(0, 8);
        DemoUpstream.bean(UserRepository.class).upsertByUsername(new TollgateUser(UUID.randomUUID(), username,
                DemoUpstream.bean(PasswordEncoder.class).encode("tara-password"), username + "@example.com", true,
                username, true, new TreeSet<>(List.of("USER"))));
        Pkce first = Pkce.create();
        try (Browser browser = new Browser(tollgate(), DemoUpstream.issuer())) {
            HtmlPage next = browser.signIn(continueWithUpstream(browser, "t1", first), username, "tara-password");
            TwoFactorFlows.approveIfAsked(browser, next);
            JWTClaimsSet idToken = TwoFactorFlows.idToken(new OAuthHttp(port), browser, first);
            assertThat(idToken.getStringClaim("acr")).isEqualTo("urn:tollgate:upstream");
            assertThat(idToken.getClaim("amr")).as("no method Tollgate checked itself").isNull();
        }

        UUID localId = users.findByUsername(username).orElseThrow().id();
        Authenticators app = new Authenticators(stored, clock);
        app.enrol(localId, List.of());
        Pkce second = Pkce.create();
        try (Browser browser = new Browser(tollgate(), DemoUpstream.issuer())) {
            HtmlPage codePage = browser.signIn(continueWithUpstream(browser, "t2", second), username, "tara-password");
            assertThat(codePage.getUrl().getPath()).isEqualTo("/login/two-factor");
            assertThat(browser.callback()).isNull();
            assertThat(browser.isSignedIn()).isFalse();

            browser.open(Browser.authorizePath("demo-web", REDIRECT_URI, "openid", "t3", second));
            TwoFactorFlows.approveIfAsked(browser, Authenticators.enter(browser.open("/login/two-factor"),
                    "two-factor-form", app.codeNow(localId), "verify"));
            assertThat(browser.callbackParameters()).containsEntry("state", "t3");
            JWTClaimsSet idToken = TwoFactorFlows.idToken(new OAuthHttp(port), browser, second);
            assertThat(idToken.getStringClaim("acr")).isEqualTo("urn:tollgate:mfa");
            assertThat(idToken.getStringListClaim("amr")).containsExactly("mfa", "otp");
        }
    }

    private HtmlPage continueWithUpstream(Browser browser, String state, Pkce pkce) throws Exception {
        HtmlPage login = browser.open(Browser.authorizePath("demo-web", REDIRECT_URI, "openid", state, pkce));
        return browser.click(login, "continue-with-upstream");
    }
}
