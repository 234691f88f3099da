package dev.tollgate.auth.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

import dev.tollgate.auth.audit.EventQuery;
import dev.tollgate.auth.audit.RecordedEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.audit.StoredEventsProbe;
import dev.tollgate.auth.audit.StoredSecurityEvents;
import dev.tollgate.auth.passwordchange.TemporaryPasswords;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Chromium;
import dev.tollgate.auth.support.LoopbackCallback;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.support.SignedTokens;
import dev.tollgate.auth.support.TestMail;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.testsupport.TestClock;

/**
 * Passkeys in a real browser: Chromium with its virtual authenticator (CTAP2, built in, discoverable credentials,
 * user verification), on the shared test server. WebAuthn accepts only the issuer's origin
 * ({@code http://auth.tollgate.test}), so Chromium reaches that name on the server's port and counts it as secure.
 */
@AuthServerTest
@Chromium.Required
class PasskeyBrowserTest extends PasskeyTest {

    /** The issuer's origin, which Chromium reaches on this server's port. */
    private static final String TOLLGATE = AuthServerTest.ISSUER;

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static ChromeDriver chromium;

    @Autowired
    TestClock clock;

    @Autowired
    OAuth2AuthorizationService authorizations;

    @Autowired
    TemporaryPasswords temporaryPasswords;

    @Autowired
    StoredSecurityEvents events;

    @Autowired
    GreenMail smtp;

    private VirtualAuthenticator authenticator;

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.quit();
        }
    }

    /** One Chromium for the class; a new authenticator with no passkeys, and no cookies from the test before. */
    @BeforeEach
    void newAuthenticator() {
        if (chromium == null) {
            chromium = Chromium.start(URI.create(TOLLGATE).getHost(), URI.create(http.baseUrl()).getPort());
        }
        chromium.manage().deleteAllCookies();
        authenticator = Chromium.addPasskeyAuthenticator(chromium);
    }

    @AfterEach
    void removeAuthenticator() {
        ((HasVirtualAuthenticator) chromium).removeVirtualAuthenticator(authenticator);
    }

    @Test
    void aUserAddsAPasskeyAndSignsInWithItAloneEvenAfterBeingRenamed() throws Exception {
        TollgateUser user = newUser("petra");
        signInWithPassword(user.username());
        registerPasskey("Petra's laptop");
        assertThat(text("passkey-notice")).contains("passkey is added");
        assertThat(text("passkey-1")).contains("Petra's laptop");
        assertThat(authenticator.getCredentials()).singleElement()
                .satisfies(credential -> assertThat(credential.isResidentCredential()).isTrue());
        signOut();

        jdbc.sql("UPDATE users SET username = ? WHERE id = ?").param("renamed-" + user.username())
                .param(user.id()).update();
        clock.advance(Duration.ofHours(2));
        Instant passkeyTime = clock.instant();

        try (LoopbackCallback callback = LoopbackCallback.start()) {
            Pkce pkce = Pkce.create();
            chromium.get(TOLLGATE + Browser.authorizePath("demo-cli", callback.uri(), "openid profile", "st", pkce));
            waitFor(ExpectedConditions.urlContains("/login"));
            String anonymousSession = sessionCookie();
            click("passkey-sign-in");
            Reply tokens = tokensAfterApproval(callback, pkce);
            assertThat(sessionCookie()).as("a new session id at sign-in").isNotEqualTo(anonymousSession);
            JWTClaimsSet idToken = SignedTokens.verified(tokens.field("id_token"), http).getJWTClaimsSet();
            assertThat(idToken.getSubject()).isEqualTo(user.id().toString());
            assertThat(idToken.getStringClaim("sid")).as("the sign-in's details").isNotBlank();
            assertThat(idToken.getDateClaim("auth_time").toInstant())
                    .as("the passkey's factor is stamped with the Clock")
                    .isBetween(passkeyTime.minusSeconds(1), passkeyTime.plusSeconds(60));

            OAuth2Authorization authorization = authorizations.findByToken(tokens.field("access_token"),
                    OAuth2TokenType.ACCESS_TOKEN);
            Authentication principal = authorization.getAttribute(Principal.class.getName());
            assertThat(principal.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                    .contains(FactorGrantedAuthority.WEBAUTHN_AUTHORITY)
                    .doesNotContain(FactorGrantedAuthority.PASSWORD_AUTHORITY);
        }
        assertThat(new StoredEventsProbe(events).await(new EventQuery(null, user.id().toString(), null, null, null),
                found -> found.stream().anyMatch(event -> event.type() == SecurityEventType.SIGN_IN
                        && "passkey".equals(event.details().get("method")))))
                .extracting(RecordedEvent::type).contains(SecurityEventType.PASSKEY_REGISTERED);
        chromium.get(TOLLGATE + "/account");
        assertThat(text("account-username")).isEqualTo("renamed-" + user.username());
        assertThat(text("passkey-1")).as("the last use is shown").contains("last used");
    }

    @Test
    void aRemovedPasskeyOrADisabledAccountSignsNobodyIn() throws Exception {
        TollgateUser user = newUser("quentin");
        signInWithPassword(user.username());
        registerPasskey("Quentin's phone");
        signOut();

        jdbc.sql("UPDATE users SET enabled = FALSE WHERE id = ?").param(user.id()).update();
        assertPasskeySignInRefused();

        jdbc.sql("UPDATE users SET enabled = TRUE WHERE id = ?").param(user.id()).update();
        signInWithPassword(user.username());
        click("remove-passkey-1");
        assertThat(text("passkey-notice")).contains("removed");
        assertThat(text("no-passkeys")).isNotEmpty();
        assertThat(passkeys.of(user.id())).isEmpty();
        new StoredEventsProbe(events).await(new EventQuery(SecurityEventType.PASSKEY_REMOVED, user.id().toString(),
                null, null, null), found -> found.size() == 1);
        TestMail.awaitMail(smtp, user.email(), 2);
        assertThat(TestMail.mailTo(smtp, user.email())).extracting(TestMail::textOf)
                .anySatisfy(text -> assertThat(text).contains("The passkey \"Quentin's phone\" was added"))
                .anySatisfy(text -> assertThat(text).contains("The passkey \"Quentin's phone\" was removed"));
        signOut();

        assertPasskeySignInRefused();
    }

    @Test
    void aPasskeySignInStopsAtARequiredPasswordChangeAsAPasswordSignInDoes() throws Exception {
        TollgateUser user = newUser("sven");
        signInWithPassword(user.username());
        registerPasskey("Sven's key");
        signOut();
        assertThat(temporaryPasswords.set(user.id(), "given by the helpdesk, 42")).isTrue();

        chromium.get(TOLLGATE + "/login");
        click("passkey-sign-in");

        waitFor(ExpectedConditions.urlToBe(TOLLGATE + "/password/change"));
        chromium.get(TOLLGATE + "/account");
        assertThat(chromium.getCurrentUrl()).as("nothing else before the new password")
                .isEqualTo(TOLLGATE + "/password/change");
    }

    @Test
    void oneSignedChallengeSignsInOnceEvenWhenPostedTwiceAtOnce() throws Exception {
        TollgateUser user = newUser("ursula");
        signInWithPassword(user.username());
        registerPasskey("Ursula's key");
        signOut();

        chromium.get(TOLLGATE + "/login");
        // what a replaying attacker or a double submit does: the same assertion, twice, in parallel
        chromium.executeScript("""
                const original = window.fetch;
                sessionStorage.setItem("signInStatuses", "[]");
                window.fetch = async (url, init) => {
                    if (!String(url).endsWith("/login/webauthn")) {
                        return original(url, init);
                    }
                    const answers = await Promise.all([original(url, init), original(url, init)]);
                    // kept across the page change that a successful sign-in makes
                    sessionStorage.setItem("signInStatuses", JSON.stringify(answers.map((answer) => answer.status)));
                    return answers.find((answer) => answer.ok) || answers[0];
                };
                """);
        click("passkey-sign-in");
        List<Object> statuses = waitFor(driver -> {
            Object seen = chromium.executeScript("return JSON.parse(sessionStorage.getItem('signInStatuses') || '[]');");
            return seen instanceof List<?> list && list.size() == 2 ? List.<Object>copyOf(list) : null;
        });
        assertThat(statuses).as("one sign-in, one refusal").containsExactlyInAnyOrder(200L, 401L);
    }

    @Test
    void aSignatureCounterThatDoesNotGrowIsRefused() throws Exception {
        TollgateUser user = newUser("viktor");
        signInWithPassword(user.username());
        registerPasskey("Viktor's key");
        signOut();
        // as if a clone of the authenticator had signed in more often than this one (WebAuthn Level 2, 7.2 step 21)
        jdbc.sql("UPDATE user_credentials SET signature_count = 1000000 WHERE user_entity_user_id IN "
                + "(SELECT user_handle FROM passkey_user_handles WHERE user_id = ?)").param(user.id()).update();

        assertPasskeySignInRefused();
    }

    @Test
    void aPasskeyGivesTheTwoFactorsAnApplicationRequiresInsteadOfSettingUpTotp() throws Exception {
        TollgateUser user = newUser("wanda");
        signInWithPassword(user.username());
        registerPasskey("Wanda's key");
        signOut();

        try (LoopbackCallback callback = LoopbackCallback.start()) {
            Pkce pkce = Pkce.create();
            chromium.get(TOLLGATE + Browser.authorizePath("demo-cli", callback.uri(), "openid", "mfa", pkce)
                    + "&acr_values=urn:tollgate:mfa");
            waitFor(ExpectedConditions.urlContains("/login"));
            chromium.findElement(By.id("username")).sendKeys(user.username());
            chromium.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
            click("sign-in");
            waitFor(ExpectedConditions.urlContains("/account/two-factor"));
            assertThat(text("passkey-sign-in")).isEqualTo("Use a passkey instead");

            click("passkey-sign-in");
            JWTClaimsSet idToken = SignedTokens.verified(tokensAfterApproval(callback, pkce).field("id_token"), http)
                    .getJWTClaimsSet();
            assertThat(idToken.getSubject()).isEqualTo(user.id().toString());
            assertThat(idToken.getStringClaim("acr")).isEqualTo("urn:tollgate:mfa");
        }
    }

    /** After a passkey sign-in in an authorization: approves if asked, and exchanges the code. */
    private Reply tokensAfterApproval(LoopbackCallback callback, Pkce pkce) throws Exception {
        waitFor(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("approve")),
                ignored -> callback.code().isDone()));
        if (!callback.code().isDone()) {
            click("approve");
        }
        String code = callback.code().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        Reply tokens = http.post("/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", callback.uri(), "code_verifier", pkce.verifier(), "client_id", "demo-cli"));
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        return tokens;
    }

    private void assertPasskeySignInRefused() {
        chromium.get(TOLLGATE + "/login");
        click("passkey-sign-in");
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-sign-in-not_accepted")));
        assertThat(chromium.getCurrentUrl()).endsWith("/login");
        chromium.get(TOLLGATE + "/account");
        assertThat(chromium.getCurrentUrl()).as("not signed in").endsWith("/login");
    }

    private void signInWithPassword(String username) {
        chromium.get(TOLLGATE + "/login");
        chromium.findElement(By.id("username")).sendKeys(username);
        chromium.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        click("sign-in");
        waitFor(ExpectedConditions.urlMatches("^" + TOLLGATE + "/account(\\?continue)?$"));
    }

    private void registerPasskey(String name) {
        WebElement field = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("new-passkey-name")));
        field.sendKeys(name);
        click("register-passkey");
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("passkey-notice")));
    }

    private void signOut() {
        chromium.get(TOLLGATE + "/logout");
        click("sign-out");
        waitFor(ExpectedConditions.urlContains("/login?logout"));
    }

    private void click(String id) {
        waitFor(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    private static String sessionCookie() {
        Cookie session = chromium.manage().getCookieNamed("TOLLGATE_SESSION");
        return session == null ? null : session.getValue();
    }

    /** The text of the element, once the page that has it is there. */
    private String text(String id) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(By.id(id))).getText();
    }

    private static <T> T waitFor(ExpectedCondition<T> condition) {
        return new WebDriverWait(chromium, PATIENCE).until(condition);
    }
}
