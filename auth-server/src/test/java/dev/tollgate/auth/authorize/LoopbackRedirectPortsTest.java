package dev.tollgate.auth.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.Pkce;

/**
 * RFC 8252 §7.3 lets a native app listen on any loopback port, so its {@code http://127.0.0.1/...} redirect URI
 * matches whatever port it asks for. Any other client's redirect URI is matched exactly: a program on another
 * port of the user's machine (or of a shared host) must not receive demo-web's or the Swagger UI's codes.
 */
@AuthServerTest
class LoopbackRedirectPortsTest extends HttpTest {

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource(textBlock = """
            demo-web, http://127.0.0.1:9999/login/oauth2/code/tollgate
            demo-web, http://[::1]:8081/login/oauth2/code/tollgate
            api-docs, http://127.0.0.1:9999/swagger-ui/oauth2-redirect.html
            demo-cli, https://127.0.0.1:9999/callback
            demo-cli, http://127.0.0.2:9999/callback
            """)
    void aLoopbackRedirectOnAnotherPortIsRefusedForAnyButANativeApp(String clientId, String redirectUri)
            throws Exception {
        String authorize = Browser.authorizePath(clientId, redirectUri, "openid", "p1", Pkce.create());
        Reply reply = http.get(authorize);
        assertThat(reply.status()).as("refused before sign-in, never redirected: " + reply).isEqualTo(400);

        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage login = browser.open("/login");
            browser.signIn(login, "alice", "alice-password");
            browser.open(authorize);
            assertThat(browser.callback()).as("no answer goes to the other port").isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            http://127.0.0.1:53121/callback
            http://127.0.0.1:8/callback
            http://127.0.0.1/callback
            """)
    void theNativeDemoCliMayUseAnyLoopbackPort(String redirectUri) throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage login = browser.open(Browser.authorizePath("demo-cli", redirectUri, "openid", "p2",
                    Pkce.create()));
            HtmlPage next = browser.signIn(login, "alice", "alice-password");
            if (browser.callback() == null) {
                browser.click(next, "approve");
            }
            assertThat(browser.callback().toString()).startsWith(redirectUri + "?");
            assertThat(browser.callbackParameters()).containsKey("code");
        }
    }
}
