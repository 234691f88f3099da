package dev.tollgate.auth.federation;

import static org.assertj.core.api.Assertions.assertThat;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.OAuthHttp;

/** Without a configured provider (the test profile switches the demo's off) there is no trace of social login. */
@AuthServerTest
class NoUpstreamProvidersTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void whenNoProviderHasAClientIdThenTheLoginPageHasNoButtonsAndNoSocialLoginEndpointsExist() throws Exception {
        try (Browser browser = new Browser("http://localhost:" + port)) {
            HtmlPage login = browser.open("/login");
            assertThat(login.getElementById("login-form")).isNotNull();
            assertThat(login.asXml()).doesNotContain("continue-with-").doesNotContain("/oauth2/authorization/");
        }
        assertThat(context.getBeanNamesForType(ClientRegistrationRepository.class)).isEmpty();
        OAuthHttp.Reply start = new OAuthHttp(port).get("/oauth2/authorization/google");
        assertThat(start.status()).isEqualTo(302);
        assertThat(start.location()).as("an ordinary protected page: sign in first").endsWith("/login");
    }
}
