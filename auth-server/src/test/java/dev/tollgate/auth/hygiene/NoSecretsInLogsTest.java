package dev.tollgate.auth.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * A full flow with Tollgate's and Spring Security's logs at DEBUG, by a user of its own: sign-in (a wrong password, then the right one),
 * consent, code exchange, refresh, a replayed code, introspection, revocation, client credentials with JWT and
 * opaque tokens, a wrong client secret. Not one password, secret, code, verifier or token appears in the output.
 */
@AuthServerTest
@ExtendWith(OutputCaptureExtension.class)
class NoSecretsInLogsTest extends HttpTest {

    private static final List<String> VERBOSE_LOGGERS = List.of("dev.tollgate", "org.springframework.security");
    private static final String REDIRECT_URI = AuthServerTest.DEMO_WEB_REDIRECT_URI;
    private static final String PASSWORD = "Log-Scan-Password-4821";

    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwordEncoder;

    @AfterEach
    void quietAgain() {
        VERBOSE_LOGGERS.forEach(logger -> logging.setLogLevel(logger, null));
    }

    @Test
    void aFullFlowLeavesNoSecretOrTokenInTheLogs(CapturedOutput output) throws Exception {
        VERBOSE_LOGGERS.forEach(logger -> logging.setLogLevel(logger, LogLevel.DEBUG));
        String username = "log-scan-" + UUID.randomUUID();
        users.upsertByUsername(new TollgateUser(UUID.randomUUID(), username, passwordEncoder.encode(PASSWORD), null,
                false, "Log Scan", true, new TreeSet<>(List.of("USER"))));
        List<String> secrets = new ArrayList<>(List.of(PASSWORD, "Wrong-Guess-7391", "demo-web-secret",
                "demo-service-secret", "demo-service-opaque-secret", "resource-server-secret", "demo-web-secreX"));

        Pkce pkce = Pkce.create();
        secrets.add(pkce.verifier());
        String code;
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage login = browser.open(Browser.authorizePath("demo-web", REDIRECT_URI, "openid profile books.read",
                    "st", pkce));
            HtmlPage again = browser.signIn(login, username, "Wrong-Guess-7391");
            HtmlPage consent = browser.signIn(again, username, PASSWORD);
            browser.click(consent, "approve");
            code = browser.callbackParameters().get("code");
        }
        secrets.add(code);

        Reply tokens = http.post("/oauth2/token", "demo-web", "demo-web-secret", Map.of("grant_type",
                "authorization_code", "code", code, "redirect_uri", REDIRECT_URI, "code_verifier", pkce.verifier()));
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        secrets.addAll(List.of(tokens.field("access_token"), tokens.field("refresh_token"), tokens.field("id_token")));

        Reply refreshed = http.post("/oauth2/token", "demo-web", "demo-web-secret",
                Map.of("grant_type", "refresh_token", "refresh_token", tokens.field("refresh_token")));
        assertThat(refreshed.status()).isEqualTo(200);
        secrets.addAll(List.of(refreshed.field("access_token"), refreshed.field("refresh_token")));

        assertThat(http.introspect(refreshed.field("access_token")).field("active")).isEqualTo("true");
        assertThat(http.post("/oauth2/revoke", "demo-web", "demo-web-secret",
                Map.of("token", refreshed.field("refresh_token"))).status()).isEqualTo(200);
        assertThat(http.post("/oauth2/token", "demo-web", "demo-web-secret", Map.of("grant_type",
                "authorization_code", "code", code, "redirect_uri", REDIRECT_URI, "code_verifier", pkce.verifier()))
                .status()).as("a replayed code").isEqualTo(400);
        assertThat(http.clientCredentials("demo-web", "demo-web-secreX", null).status()).isEqualTo(401);

        Reply jwt = http.clientCredentials("demo-service", "demo-service-secret", null);
        Reply opaque = http.clientCredentials("demo-service-opaque", "demo-service-opaque-secret", null);
        secrets.addAll(List.of(jwt.field("access_token"), opaque.field("access_token")));
        assertThat(http.introspect(opaque.field("access_token")).field("active")).isEqualTo("true");

        assertThat(output.getAll()).as("the DEBUG logs were captured").contains("o.s.s.");
        for (String secret : secrets) {
            assertThat(secret).isNotBlank();
            assertThat(output.getAll()).as("the logs show a secret or token").doesNotContain(secret);
        }
    }
}
