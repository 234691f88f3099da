package dev.tollgate.auth.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.mail.internet.MimeMessage;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Chromium;
import dev.tollgate.auth.support.ChromiumPages;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.LoopbackCallback;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.support.SignedTokens;
import dev.tollgate.auth.support.TestMail;
import dev.tollgate.auth.twofactor.Authenticators;
import dev.tollgate.testsupport.TestClock;

/**
 * The whole life of an account in one real browser, as the issue's "done when" tells it: a new person signs up,
 * verifies their address from the mail, signs in with a password and then with a password and a TOTP code, adds a
 * passkey and signs in with it alone, resets the forgotten password from the mail, ends another session and removes
 * an application. Chromium because passkeys need it; the application is the demo CLI with a loopback redirect. Run on
 * H2 ({@link AccountJourneyBrowserTest}) and on PostgreSQL ({@link AccountJourneyOnPostgresBrowserTest}).
 */
@AuthServerTest
abstract class AccountJourney extends HttpTest {

    private static final String PASSWORD = "a kettle singing on the stove";

    private static final String NEW_PASSWORD = "the lighthouse keeper's cat";

    /** A single-use link in a mail: on the issuer, with its token. */
    private static final Pattern LINK =
            Pattern.compile(Pattern.quote(AuthServerTest.ISSUER) + "(/[^\\s]+token=[A-Za-z0-9_-]+)");

    private static ChromeDriver chromium;

    @Autowired
    GreenMail smtp;

    @Autowired
    TestClock clock;

    private ChromiumPages pages;

    private String totpKey;

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.quit();
        }
    }

    @Test
    void aNewPersonSignsUpVerifiesSignsInWithTotpThenAPasskeyResetsThePasswordAndTidiesUp() throws Exception {
        chromium = Chromium.start(URI.create(AuthServerTest.ISSUER).getHost(), URI.create(http.baseUrl()).getPort());
        Chromium.addPasskeyAuthenticator(chromium);
        pages = new ChromiumPages(chromium);
        String username = "journey-" + UUID.randomUUID().toString().substring(0, 8);
        String email = username + "@example.com";

        // sign up, then the link in the mail verifies the address
        pages.open("/login");
        pages.click("create-account");
        pages.type("username", username);
        pages.type("email", email);
        pages.type("password", PASSWORD);
        pages.type("confirmation", PASSWORD);
        pages.click("create-account");
        pages.text("signup-sent");
        pages.open(linkIn(TestMail.awaitMail(smtp, email, 1), "/verify-email"));
        pages.text("email-verified");

        // a password signs the application in; the address is verified
        JWTClaimsSet idToken = signInToTheApplication(() -> pages.signIn(username, PASSWORD)).idToken();
        assertThat(idToken.getBooleanClaim("email_verified")).isTrue();
        assertThat(idToken.getStringListClaim("amr")).containsExactly("pwd");

        // TOTP set up on the account page, from the key it shows
        pages.open("/account");
        pages.click("two-factor-set-up");
        pages.click("two-factor-start");
        totpKey = pages.text("two-factor-secret");
        pages.type("code", Authenticators.codeAt(totpKey, clock.instant()));
        pages.click("two-factor-confirm");
        pages.text("recovery-codes");   // the click only starts loading the page that shows them
        assertThat(pages.driver().findElements(By.cssSelector("#recovery-codes li"))).hasSize(10);
        pages.click("two-factor-continue");
        pages.text("two-factor-on");
        pages.signOut();

        // password and code: two factors
        Tokens withCode = signInToTheApplication(() -> {
            pages.signIn(username, PASSWORD);
            enterTotpCode();
        });
        assertThat(withCode.idToken().getStringListClaim("amr")).containsExactlyInAnyOrder("pwd", "otp", "mfa");
        assertThat(withCode.idToken().getStringClaim("acr")).isEqualTo("urn:tollgate:mfa");

        // a passkey, then the passkey alone: two factors too
        pages.open("/account");
        pages.registerPasskey("Journey laptop");
        assertThat(pages.text("passkey-1")).contains("Journey laptop");
        pages.signOut();
        Tokens withPasskey = signInToTheApplication(() -> pages.click("passkey-sign-in"));
        assertThat(withPasskey.idToken().getStringListClaim("amr")).containsExactlyInAnyOrder("hwk", "user", "mfa");

        // the password forgotten: a new one from the mail's link ends every session and refresh token
        try (Browser elsewhere = new Browser(http.baseUrl())) {
            signInWithCode(elsewhere, username, PASSWORD);
            pages.open("/forgot-password");
            pages.type("email", email);
            pages.click("send-link");
            pages.text("reset-link-sent");
            pages.open(linkIn(TestMail.awaitMailAbout(smtp, email, "Choose a new password"), "/forgot-password/reset"));
            pages.type("password", NEW_PASSWORD);
            pages.type("confirmation", NEW_PASSWORD);
            pages.click("set-password");
            pages.text("password-reset-done");
            assertThat(elsewhere.isSignedIn()).as("the other browser's session ended").isFalse();
            assertThat(refresh(withCode.refreshToken()).status()).as("refresh tokens revoked").isEqualTo(400);
            assertThat(refresh(withPasskey.refreshToken()).status()).isEqualTo(400);
            pages.open("/account");
            pages.waitFor(ExpectedConditions.urlContains("/login"));
            pages.signIn(username, NEW_PASSWORD);
            enterTotpCode();
        }

        // a second session, seen and ended on the account page
        try (Browser phone = new Browser(http.baseUrl())) {
            signInWithCode(phone, username, NEW_PASSWORD);
            pages.open("/account");
            List<WebElement> sessions = pages.driver().findElements(By.cssSelector("#sessions li"));
            assertThat(sessions).hasSize(2);
            pages.driver().findElement(By.cssSelector("#sessions li:not(.current) button")).click();
            pages.text("account-notice");
            assertThat(pages.driver().findElements(By.cssSelector("#sessions li"))).hasSize(1);
            assertThat(phone.isSignedIn()).isFalse();
        }

        // an application removed: its refresh token is refused from then on
        Tokens application = signInToTheApplication(() -> { });
        pages.open("/account");
        pages.click("remove-application-demo-cli");
        pages.text("account-notice");
        assertThat(pages.driver().findElements(By.id("application-demo-cli"))).isEmpty();
        assertThat(refresh(application.refreshToken()).status()).isEqualTo(400);
    }

    /** The code the authenticator app shows, one step on from the last one used (a code is accepted once). */
    private String nextTotpCode() {
        clock.advance(Duration.ofSeconds(30));
        return Authenticators.codeAt(totpKey, clock.instant());
    }

    private void enterTotpCode() {
        pages.type("code", nextTotpCode());
        pages.click("verify");
    }

    private void signInWithCode(Browser browser, String username, String password) throws Exception {
        HtmlPage codePage = browser.signIn(browser.open("/login"), username, password);
        Authenticators.enter(codePage, "two-factor-form", nextTotpCode(), "verify");
        assertThat(browser.isSignedIn()).isTrue();
    }

    /**
     * The demo CLI asks for a code in Chromium; {@code signIn} does what the login page asks (nothing, when the
     * browser is signed in), the consent is given when asked, and the code is exchanged for tokens.
     */
    private Tokens signInToTheApplication(LoginPage signIn) throws Exception {
        try (LoopbackCallback callback = LoopbackCallback.start()) {
            Pkce pkce = Pkce.create();
            pages.open(Browser.authorizePath("demo-cli", callback.uri(), "openid profile email", "journey", pkce));
            if (pages.currentPath().startsWith("/login")) {
                signIn.signIn();
            }
            pages.waitFor(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("approve")),
                    ignored -> callback.code().isDone()));
            if (!callback.code().isDone()) {
                pages.click("approve");
            }
            String code = callback.code().get(20, TimeUnit.SECONDS);
            Reply tokens = http.post("/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
                    "redirect_uri", callback.uri(), "code_verifier", pkce.verifier(), "client_id", "demo-cli"));
            assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
            return new Tokens(SignedTokens.verified(tokens.field("id_token"), http).getJWTClaimsSet(),
                    tokens.field("refresh_token"));
        }
    }

    private Reply refresh(String refreshToken) {
        return http.post("/oauth2/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", "demo-cli"));
    }

    private static String linkIn(MimeMessage mail, String path) {
        Matcher link = LINK.matcher(TestMail.textOf(mail));
        assertThat(link.find()).as("a link on the issuer").isTrue();
        assertThat(link.group(1)).startsWith(path + "?");
        return link.group(1);
    }

    private record Tokens(JWTClaimsSet idToken, String refreshToken) {
    }

    /** What the person does on the login page. */
    @FunctionalInterface
    private interface LoginPage {
        void signIn() throws Exception;
    }
}
