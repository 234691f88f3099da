package dev.tollgate.auth.admin.consents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tollgate.auth.support.AdminApiTest;
import dev.tollgate.auth.support.AdminHttp;
import dev.tollgate.auth.support.AdminHttp.Reply;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.OAuthHttp;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;

@AuthServerTest
@ExtendWith(OutputCaptureExtension.class)
class UserConsentsEndpointTest extends AdminApiTest {

    private static final String SCOPE = "openid books.read";

    @Test
    void withdrawingAConsentRevokesTheClientsTokensAndConsentIsAskedAgain(CapturedOutput output) throws Exception {
        TollgateUser user = testUsers.create("consents");
        try (Browser browser = new Browser(http.baseUrl())) {
            OAuthHttp.Reply web = grants.exchange(grants.authorize(browser, Client.DEMO_WEB, user.username(),
                    TestUsers.PASSWORD, SCOPE));
            OAuthHttp.Reply cli = grants.exchange(grants.authorize(browser, Client.DEMO_CLI, user.username(),
                    TestUsers.PASSWORD, SCOPE));
            assertThat(asksForConsent(browser)).as("remembered after the first approval").isFalse();

            Reply withdrawn = admin.delete(consentOf(user.id(), "demo-web"));

            assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(204);
            assertThat(grants.isActive(web.field("access_token"))).isFalse();
            assertThat(grants.isActive(web.field("refresh_token"))).isFalse();
            assertThat(grants.isActive(cli.field("access_token"))).as("another client's grant").isTrue();
            assertThat(grants.isActive(cli.field("refresh_token"))).isTrue();
            assertThat(asksForConsent(browser)).as("the next authorization asks again").isTrue();
            assertThat(output.getOut()).contains("event=ADMIN_CHANGE", "what=user.consent.withdraw",
                    "actor=demo-admin", "client=demo-web", "before=\"books.read openid\"");
        }
    }

    @Test
    void anUnknownUserOrClientIsA404Problem() {
        TollgateUser user = testUsers.create("consents");
        Reply noUser = admin.delete(consentOf(UUID.randomUUID(), "demo-web"));
        Reply noClient = admin.delete(consentOf(user.id(), "no-such-client"));

        assertThat(noUser.status()).as(noUser.toString()).isEqualTo(404);
        assertThat(noUser.json().path("detail").asString()).startsWith("No user with id ");
        assertThat(noClient.status()).as(noClient.toString()).isEqualTo(404);
        assertThat(noClient.contentType()).startsWith("application/problem+json");
        assertThat(noClient.json().path("detail").asString()).isEqualTo("No client with client_id no-such-client");
    }

    @Test
    void withoutTheAdminScopeNothingIsWithdrawn() {
        TollgateUser user = testUsers.create("consents");
        String serviceToken = http.clientCredentials("demo-service", "demo-service-secret", "books.read")
                .field("access_token");

        assertThat(AdminHttp.withToken(http, serviceToken).delete(consentOf(user.id(), "demo-web")).status())
                .isEqualTo(403);
    }

    private boolean asksForConsent(Browser browser) throws Exception {
        browser.open(Browser.authorizePath("demo-web", Client.DEMO_WEB.redirectUri(), SCOPE, "st", Pkce.create()));
        return browser.callback() == null;
    }

    private static String consentOf(UUID userId, String clientId) {
        return "/admin/api/users/" + userId + "/consents/" + clientId;
    }
}
