package dev.tollgate.auth.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import dev.tollgate.auth.support.AdminApiTest;
import dev.tollgate.auth.support.AdminHttp;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;

/** An operator at a terminal gets an admin token through the built-in client tollgate-admin-cli. */
@AuthServerTest
class AdminCliClientTest extends AdminApiTest {

    @Test
    void anAdministratorGetsAnAdminTokenOnAnyLoopbackPortWithoutAConsentPage() throws IOException {
        TollgateUser operator = testUsers.create("operator", "ADMIN", "USER");
        Client anyPort = new Client("tollgate-admin-cli", null, "http://127.0.0.1:40123/callback");
        try (Browser browser = new Browser(http.baseUrl())) {
            Pkce pkce = Pkce.create();
            browser.signIn(browser.open(Browser.authorizePath(anyPort.id(), anyPort.redirectUri(),
                    "openid tollgate.admin", "st", pkce)), operator.username(), TestUsers.PASSWORD);

            assertThat(browser.callback()).as("straight back to the terminal: no consent page").isNotNull();
            assertThat(browser.callback().getPort()).isEqualTo(40123);
            Reply tokens = grants.exchange(new Grants.Code(anyPort, browser.callbackParameters().get("code"), pkce));

            assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
            assertThat(tokens.field("scope").split(" ")).containsExactlyInAnyOrder("openid", "tollgate.admin");
            assertThat(tokens.field("id_token")).isNotBlank();
            assertThat(AdminHttp.withToken(http, tokens.field("access_token")).get("/admin/api/no-such-thing")
                    .status()).as("through the admin plane's chain").isEqualTo(404);

            Reply refreshed = grants.refresh(anyPort, tokens.field("refresh_token"));
            assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
            assertThat(refreshed.field("refresh_token")).isNotEqualTo(tokens.field("refresh_token"));
            assertThat(grants.refresh(anyPort, tokens.field("refresh_token")).field("error"))
                    .as("rotated: the old refresh token is spent").isEqualTo("invalid_grant");
        }
    }

    @Test
    void aUserWithoutRoleAdminGetsNoAdminScopeFromIt() throws IOException {
        TollgateUser user = testUsers.create("not-an-operator");
        try (Browser browser = new Browser(http.baseUrl())) {
            Reply tokens = grants.exchange(grants.authorize(browser, Client.ADMIN_CLI, user.username(),
                    TestUsers.PASSWORD, "openid tollgate.admin"));

            assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
            assertThat(tokens.field("scope")).isEqualTo("openid");
            assertThat(AdminHttp.withToken(http, tokens.field("access_token")).get("/admin/api/no-such-thing")
                    .status()).isEqualTo(403);
        }
    }
}
