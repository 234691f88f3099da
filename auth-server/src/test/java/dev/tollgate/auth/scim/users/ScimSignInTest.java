package dev.tollgate.auth.scim.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.scim.ScimHttp;
import dev.tollgate.auth.scim.ScimHttp.Reply;
import dev.tollgate.auth.support.AdminHttp;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.OAuthHttp;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.Roles;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.auth.support.HttpTest;

/** A user provisioned over SCIM is a real account: they sign in on the login page at once. */
@AuthServerTest
class ScimSignInTest extends HttpTest {

    private static final String PASSWORD = "provisioned password 1";

    @Autowired
    private UserRepository users;

    @Autowired
    private PasswordEncoder passwords;

    private ScimHttp scim;

    private Grants grants;

    private String userName;

    @BeforeEach
    void connect() {
        scim = new ScimHttp(http.baseUrl(), AdminHttp.demoAdminToken(http));
        userName = "s" + UUID.randomUUID().toString().substring(0, 8);
        grants = new Grants(http);
    }

    @Test
    void anAdministratorCannotDisableOrDeleteTheirOwnAccount() throws Exception {
        TollgateUser admin = new TestUsers(users, passwords).create("self", Roles.ADMIN, Roles.USER);
        OAuthHttp.Reply tokens;
        try (Browser browser = new Browser(http.baseUrl())) {
            tokens = grants.exchange(grants.authorize(browser, Client.ADMIN_CLI, admin.username(), TestUsers.PASSWORD,
                    "openid tollgate.admin"));
        }
        ScimHttp self = new ScimHttp(http.baseUrl(), tokens.field("access_token"));

        Reply disabled = self.patch("/Users/" + admin.id(), ScimHttp.patchOps(
                "{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"), null);
        ScimUsersTest.assertError(disabled, 400, "mutability");
        assertThat(disabled.detail()).contains("your own account");
        ScimUsersTest.assertError(self.delete("/Users/" + admin.id(), null), 400, "mutability");
        assertThat(self.get("/Users/" + admin.id()).json().get("active").asBoolean()).isTrue();
    }

    @Test
    void disablingAUserEndsTheirTokensAtOnce() throws Exception {
        String id = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"" + userName + "\",\"password\":\"" + PASSWORD + "\"}").json().get("id").asString();
        OAuthHttp.Reply tokens;
        try (Browser browser = new Browser(http.baseUrl())) {
            tokens = grants.exchange(grants.authorize(browser, Client.DEMO_WEB, userName, PASSWORD, "openid profile"));
        }
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        String accessToken = tokens.field("access_token");
        assertThat(grants.isActive(accessToken)).isTrue();

        Reply disabled = scim.patch("/Users/" + id, ScimHttp.patchOps(
                "{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"), null);
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);

        assertThat(grants.isActive(accessToken)).as("introspection calls the access token inactive").isFalse();
        OAuthHttp.Reply refreshed = grants.refresh(Client.DEMO_WEB, tokens.field("refresh_token"));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(400);
        assertThat(refreshed.field("error")).isEqualTo("invalid_grant");
    }

    @Test
    void aUserCreatedOverScimSignsInAtOnce() throws Exception {
        Reply created = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"" + userName + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        try (Browser browser = new Browser(http.baseUrl())) {
            browser.signIn(browser.open("/login"), userName, PASSWORD);
            HtmlPage account = browser.open("/account");
            assertThat(account.getElementById("account-username").asNormalizedText()).isEqualTo(userName);
        }
    }

    @Test
    void aPasswordSetOverScimReplacesTheOldOneAndADisabledUserCannotSignIn() throws Exception {
        String id = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"" + userName + "\",\"password\":\"" + PASSWORD + "\"}").json().get("id").asString();
        Reply changed = scim.patch("/Users/" + id, ScimHttp.patchOps(
                "{\"op\":\"replace\",\"path\":\"password\",\"value\":\"the new provisioned one\"}"), null);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);

        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage refused = browser.signIn(browser.open("/login"), userName, PASSWORD);
            assertThat(refused.getUrl().toString()).endsWith("/login?error");
            browser.signIn(browser.open("/login"), userName, "the new provisioned one");
            assertThat(browser.<HtmlPage>open("/account").getElementById("account-username")).isNotNull();
        }

        scim.patch("/Users/" + id, ScimHttp.patchOps("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"), null);
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage refused = browser.signIn(browser.open("/login"), userName, "the new provisioned one");
            assertThat(refused.getUrl().toString()).endsWith("/login?error");
        }
    }
}
