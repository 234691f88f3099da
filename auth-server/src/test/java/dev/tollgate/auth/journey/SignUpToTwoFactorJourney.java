package dev.tollgate.auth.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.nimbusds.jwt.JWTClaimsSet;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.support.SignedTokens;
import dev.tollgate.auth.support.TestMail;
import dev.tollgate.auth.twofactor.Authenticators;
import dev.tollgate.testsupport.TestClock;

/**
 * The first half of an account's life without a browser engine's WebAuthn (HtmlUnit): sign up, verify the address from
 * the mail, sign in with the password, set up TOTP, sign in with password and code. The whole journey, passkey
 * included, is {@link AccountJourneyBrowserTest}; this one runs where the database is what is tested.
 */
@AuthServerTest
abstract class SignUpToTwoFactorJourney extends HttpTest {

    private static final String PASSWORD = "a kettle singing on the stove";

    private static final Pattern VERIFY_LINK =
            Pattern.compile(Pattern.quote(AuthServerTest.ISSUER) + "(/verify-email\\?token=[A-Za-z0-9_-]+)");

    @Autowired
    GreenMail smtp;

    @Autowired
    TestClock clock;

    @Test
    void aNewPersonSignsUpVerifiesAndSignsInWithPasswordAndThenWithATotpCode() throws Exception {
        String username = "halfway-" + UUID.randomUUID().toString().substring(0, 8);
        String email = username + "@example.com";
        String key;
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage page = browser.open("/register");
            HtmlForm form = page.getHtmlElementById("signup-form");
            form.getInputByName("username").setValue(username);
            form.getInputByName("email").setValue(email);
            form.getInputByName("password").setValue(PASSWORD);
            form.getInputByName("confirmation").setValue(PASSWORD);
            assertThat(browser.<HtmlPage>click(page, "create-account").getElementById("signup-sent")).isNotNull();

            Matcher link = VERIFY_LINK.matcher(TestMail.textOf(TestMail.awaitMail(smtp, email, 1)));
            assertThat(link.find()).isTrue();
            assertThat(browser.<HtmlPage>open(link.group(1)).getElementById("email-verified")).isNotNull();

            JWTClaimsSet idToken = signInToTheApplication(browser, login -> browser.signIn(login, username, PASSWORD));
            assertThat(idToken.getBooleanClaim("email_verified")).isTrue();
            assertThat(idToken.getStringListClaim("amr")).containsExactly("pwd");

            HtmlPage setup = browser.click(browser.open("/account/two-factor"), "two-factor-start");
            key = setup.getElementById("two-factor-secret").getTextContent();
            HtmlPage recovery = Authenticators.enter(setup, "two-factor-confirm-form",
                    Authenticators.codeAt(key, clock.instant()), "two-factor-confirm");
            assertThat(recovery.getElementById("recovery-codes")).isNotNull();
        }
        try (Browser browser = new Browser(http.baseUrl())) {
            JWTClaimsSet idToken = signInToTheApplication(browser, login -> {
                HtmlPage codePage = browser.signIn(login, username, PASSWORD);
                clock.advance(Duration.ofSeconds(30));
                return Authenticators.enter(codePage, "two-factor-form", Authenticators.codeAt(key, clock.instant()),
                        "verify");
            });
            assertThat(idToken.getStringListClaim("amr")).containsExactlyInAnyOrder("pwd", "otp", "mfa");
        }
    }

    /** demo-web's authorization in this browser: {@code signIn} answers the login page; consent given if asked. */
    private JWTClaimsSet signInToTheApplication(Browser browser, SignIn signIn) throws Exception {
        Pkce pkce = Pkce.create();
        HtmlPage after = signIn.answer(browser.open(Browser.authorizePath("demo-web",
                AuthServerTest.DEMO_WEB_REDIRECT_URI, "openid email", "halfway", pkce)));
        if (after != null && after.getElementById("approve") != null) {
            browser.click(after, "approve");
        }
        Reply tokens = http.post("/oauth2/token", "demo-web", "demo-web-secret", Map.of("grant_type",
                "authorization_code", "code", browser.callbackParameters().get("code"), "redirect_uri",
                AuthServerTest.DEMO_WEB_REDIRECT_URI, "code_verifier", pkce.verifier()));
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        return SignedTokens.verified(tokens.field("id_token"), http).getJWTClaimsSet();
    }

    @FunctionalInterface
    private interface SignIn {
        HtmlPage answer(HtmlPage login) throws Exception;
    }
}
