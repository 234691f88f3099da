package dev.tollgate.auth.federation;

import static org.assertj.core.api.Assertions.assertThat;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.DemoUpstream;
import dev.tollgate.auth.support.FederationTest;
import dev.tollgate.auth.support.Pkce;

/**
 * The {@code error_description} of an upstream answer travels through the user's browser, so anybody can write
 * it: it is logged on one line, with its control characters escaped.
 */
@ExtendWith(OutputCaptureExtension.class)
class UpstreamErrorsInLogsTest extends FederationTest {

    @Test
    void aForgedErrorDescriptionCannotStartALogLineOfItsOwn(CapturedOutput output) throws Exception {
        UpstreamUsers.add("ivan", "ivan@example.com", true);
        try (Browser browser = new Browser(tollgate(), DemoUpstream.issuer())) {
            HtmlPage login = browser.open(Browser.authorizePath("demo-web", AuthServerTest.DEMO_WEB_REDIRECT_URI,
                    "openid", "f1", Pkce.create()));
            HtmlPage upstreamLogin = browser.click(login, "continue-with-upstream");
            browser.rewriteRequests(url -> url.contains("/login/oauth2/code/upstream?")
                    ? url.replaceFirst("\\?code=[^&]*", "?error=access_denied&error_description=no%0D%0A"
                            + "event%3DACCOUNT_LOCKED%20sub%3Dadmin")
                    : url);
            browser.signIn(upstreamLogin, "ivan", "ivan-password");
        }

        assertThat(output.getAll()).contains("Upstream sign-in failed")
                .contains("no\\r\\nevent=ACCOUNT_LOCKED sub=admin")
                .doesNotContain("\nevent=ACCOUNT_LOCKED");
    }
}
