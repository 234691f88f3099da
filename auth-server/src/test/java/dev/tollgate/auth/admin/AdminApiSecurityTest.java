package dev.tollgate.auth.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import org.htmlunit.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import dev.tollgate.auth.authorization.RevocationCause;
import dev.tollgate.auth.authorization.TokenFamilies;
import dev.tollgate.auth.support.AdminHttp;
import dev.tollgate.auth.support.AdminHttp.Reply;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.SignedTokens;

@AuthServerTest
class AdminApiSecurityTest extends HttpTest {

    @Autowired
    TokenFamilies tokens;

    @Autowired
    RegisteredClientRepository clients;

    private Grants grants;

    @BeforeEach
    void setUp() {
        grants = new Grants(http);
    }

    @Test
    void withoutATokenTheAdminApiAnswers401WithABearerChallengeAndAProblem() {
        Reply reply = AdminHttp.withoutToken(http).get("/admin/api/users");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"tollgate-admin\"");
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("status").asInt()).isEqualTo(401);
        assertThat(reply.json().path("detail").asString()).contains("tollgate.admin");
        assertThat(reply.json().path("instance").asString()).isEqualTo("/admin/api/users");
        assertThat(reply.header("Set-Cookie")).as("stateless: no session").isNull();
    }

    @Test
    void withoutATokenScimAnswers401WithABearerChallengeAndAScimError() {
        Reply reply = AdminHttp.withoutToken(http).get("/scim/v2/Users");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(reply.contentType()).startsWith("application/scim+json");
        assertThat(reply.json().path("schemas").get(0).asString())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(reply.json().path("status").asString()).isEqualTo("401");
        assertThat(reply.json().path("detail").asString()).contains("tollgate.admin");
    }

    @Test
    void scimDiscoveryNeedsNoToken() {
        for (String path : new String[] {"/scim/v2/ServiceProviderConfig", "/scim/v2/ResourceTypes",
                "/scim/v2/Schemas", "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"}) {
            Reply reply = AdminHttp.withoutToken(http).get(path);
            assertThat(reply.status()).as(path + ": " + reply).isNotIn(401, 403);
        }
        assertThat(AdminHttp.withoutToken(http).get("/scim/v2/SchemasAndMore").status()).isEqualTo(401);
    }

    @Test
    void aTokenWithoutTheAdminScopeGets403InsufficientScope() {
        String serviceToken = http.clientCredentials("demo-service", "demo-service-secret", "books.read")
                .field("access_token");

        Reply api = AdminHttp.withToken(http, serviceToken).get("/admin/api/users");
        assertThat(api.status()).as(api.toString()).isEqualTo(403);
        assertThat(api.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"insufficient_scope\"")
                .contains("scope=\"tollgate.admin\"");
        assertThat(api.contentType()).startsWith("application/problem+json");
        assertThat(api.json().path("status").asInt()).isEqualTo(403);

        Reply scim = AdminHttp.withToken(http, serviceToken).get("/scim/v2/Users");
        assertThat(scim.status()).as(scim.toString()).isEqualTo(403);
        assertThat(scim.contentType()).startsWith("application/scim+json");
        assertThat(scim.json().path("status").asString()).isEqualTo("403");
    }

    @Test
    void aTokenThatIsNotOursIsRefusedAsInvalid() {
        Reply reply = AdminHttp.withToken(http, "not-a-token").get("/admin/api/users");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theDemoAdminTokenPassesAndAnUnknownPathIsAProblem() {
        AdminHttp admin = AdminHttp.asDemoAdmin(http);

        Reply reply = admin.get("/admin/api/no-such-thing");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("detail").asString()).isEqualTo("Nothing at GET /admin/api/no-such-thing");

        Reply scim = admin.get("/scim/v2/NoSuchResource");
        assertThat(scim.status()).as(scim.toString()).isEqualTo(404);
        assertThat(scim.contentType()).startsWith("application/scim+json");
        assertThat(scim.json().path("status").asString()).isEqualTo("404");
    }

    @Test
    void aRevokedAdminTokenIsRefusedAtOnce() {
        AdminHttp admin = AdminHttp.asDemoAdmin(http);
        assertThat(admin.get("/admin/api/no-such-thing").status()).isEqualTo(404);

        assertThat(http.post("/oauth2/revoke", AdminHttp.DEMO_ADMIN, AdminHttp.DEMO_ADMIN_SECRET,
                Map.of("token", admin.accessToken())).status()).isEqualTo(200);

        Reply reply = admin.get("/admin/api/no-such-thing");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(reply.json().path("detail").asString()).contains("not active");
    }

    @Test
    void aUserWithoutRoleAdminAskingForTheAdminScopeDoesNotGetIt() throws Exception {
        String token = userToken("alice", "alice-password");

        assertThat(scopeOf(token)).contains("openid").doesNotContain("tollgate.admin");
        assertThat(AdminHttp.withToken(http, token).get("/admin/api/no-such-thing").status()).isEqualTo(403);
    }

    @Test
    void anAdminGetsTheAdminScopeAndUsesItUntilTheTokenIsRevoked() throws Exception {
        String token = userToken("admin", "admin-password");

        assertThat(scopeOf(token)).contains("openid", "tollgate.admin");
        AdminHttp admin = AdminHttp.withToken(http, token);
        assertThat(admin.get("/admin/api/no-such-thing").status()).isEqualTo(404);

        // as a sign-out or an administrator ending the user's sessions does it
        tokens.revokeAll(tokens.findByToken(token, OAuth2TokenType.ACCESS_TOKEN).getId(),
                RevocationCause.SESSIONS_ENDED);
        assertThat(admin.get("/admin/api/no-such-thing").status()).isEqualTo(401);
    }

    @Test
    void anAdministratorsBrowserSessionOpensNothingThereSoNoCsrfIsPossible() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            browser.signIn(browser.open("/login"), "admin", "admin-password");
            assertThat(browser.isSignedIn()).isTrue();

            for (String path : new String[] {"/admin/api/no-such-thing", "/scim/v2/Users"}) {
                Page page = browser.open(path);
                assertThat(page.getWebResponse().getStatusCode()).as(path).isEqualTo(401);
            }
        }
    }

    @Test
    void theDemoAppCannotAskForTheAdminScope() {
        assertThat(clients.findByClientId("demo-web").getScopes()).doesNotContain("tollgate.admin");
        assertThat(clients.findByClientId("demo-admin").getScopes()).containsExactly("tollgate.admin");
    }

    @Test
    void bothMetadataDocumentsAdvertiseTheAdminScope() {
        for (String document : new String[] {"/.well-known/openid-configuration",
                "/.well-known/oauth-authorization-server"}) {
            assertThat(http.get(document).json().path("scopes_supported").toString())
                    .as(document).contains("\"tollgate.admin\"", "\"openid\"", "\"books.read\"");
        }
    }

    private String userToken(String username, String password) throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            var tokens = grants.exchange(grants.authorize(browser, Client.ADMIN_CLI, username, password,
                    "openid tollgate.admin"));
            assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
            return tokens.field("access_token");
        }
    }

    private String scopeOf(String token) throws Exception {
        JWTClaimsSet claims = SignedTokens.verified(token, http).getJWTClaimsSet();
        return claims.getStringClaim("scope");
    }
}
