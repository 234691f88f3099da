package dev.tollgate.auth.admin.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.auth.support.AdminHttp;
import dev.tollgate.auth.support.AdminHttp.Reply;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.support.SignedTokens;

/** An administrator manages clients over {@code /admin/api/clients} with a {@code tollgate.admin} token. */
@AuthServerTest
@ExtendWith(OutputCaptureExtension.class)
class AdminClientsTest extends HttpTest {

    private static final String CLIENTS = "/admin/api/clients";

    private static final String REDIRECT_URI = "https://books.example.com/callback";

    private static final String NEW_REDIRECT_URI = "https://books.example.com/signed-in";

    private static final String SERVICE = """
            {"client_name": "Book Importer", "grant_types": ["client_credentials"], "scope": "books.read"}""";

    private static final String WEB_APP = """
            {"client_name": "Books Web", "redirect_uris": ["%s"], "grant_types": ["authorization_code", "refresh_token"],
             "scope": "openid profile books.read", "post_logout_redirect_uris": ["https://books.example.com/"]}""";

    @Autowired
    JdbcClient database;

    private AdminHttp admin;

    @BeforeEach
    void signInAsAdministrator() {
        admin = AdminHttp.asDemoAdmin(http);
    }

    @Test
    void aCreatedServiceGetsTokensWithTheSecretShownOnceAndNeverAgain(CapturedOutput log) {
        Reply created = admin.postJson(CLIENTS, SERVICE);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String clientId = created.json().path("client_id").asString();
        String secret = created.json().path("client_secret").asString();
        assertThat(created.header("Location")).endsWith(CLIENTS + "/" + clientId);
        assertThat(created.json().path("client_secret_expires_at").asLong()).isZero();
        assertThat(created.json().path("token_endpoint_auth_method").asString()).isEqualTo("client_secret_basic");
        assertThat(http.clientCredentials(clientId, secret, null).field("scope")).isEqualTo("books.read");
        assertThat(database.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?")
                .param(clientId).query(String.class).single()).as("only a digest is stored").startsWith("{sha256}")
                .doesNotContain(secret);

        Reply read = admin.get(CLIENTS + "/" + clientId);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("client_name").asString()).isEqualTo("Book Importer");
        assertThat(read.json().has("client_secret")).isFalse();
        assertThat(read.body()).doesNotContain(secret);
        assertThat(log.getOut()).contains("event=ADMIN_CHANGE", "what=client.create", "client=" + clientId,
                "actor=" + AdminHttp.DEMO_ADMIN).doesNotContain(secret);
    }

    @Test
    void theListIsAPageAsInTheApiWithoutSecrets() {
        String clientId = admin.postJson(CLIENTS, SERVICE).json().path("client_id").asString();

        Reply first = admin.get(CLIENTS + "?page=0&size=2");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("content").size()).isEqualTo(2);
        assertThat(first.json().path("page").path("size").asInt()).isEqualTo(2);
        assertThat(first.json().path("page").path("number").asInt()).isZero();
        long total = first.json().path("page").path("totalElements").asLong();
        assertThat(first.json().path("page").path("totalPages").asInt()).isEqualTo((int) ((total + 1) / 2));

        Reply all = admin.get(CLIENTS + "?size=100");
        List<String> ids = StreamSupport.stream(all.json().path("content").spliterator(), false)
                .map(client -> client.path("client_id").asString()).toList();
        assertThat(ids).as("newest first").startsWith(clientId).hasSize((int) Math.min(total, 100));
        assertThat(all.json().path("content")).allSatisfy(client -> assertThat(client.has("client_secret")).isFalse());

        assertThat(admin.get(CLIENTS + "?size=0").status()).isEqualTo(400);
        assertThat(admin.get(CLIENTS + "?page=-1").status()).isEqualTo(400);
        assertThat(admin.get(CLIENTS + "?page=x").status()).isEqualTo(400);
    }

    @Test
    void anAdministratorMayGiveAClientTheAdminScopeButNoUnknownOne() {
        Reply created = admin.postJson(CLIENTS, """
                {"grant_types": ["client_credentials"], "scope": "tollgate.admin"}""");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String token = http.clientCredentials(created.json().path("client_id").asString(),
                created.json().path("client_secret").asString(), "tollgate.admin").field("access_token");
        assertThat(AdminHttp.withToken(http, token).get(CLIENTS).status()).isEqualTo(200);

        Reply unknown = admin.postJson(CLIENTS, """
                {"grant_types": ["client_credentials"], "scope": "tollgate.root"}""");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("detail").asString()).startsWith("scope:").contains("tollgate.admin");
    }

    @Test
    void anAdministratorMayLetAGatewayImpersonateUsersInTokenExchange() throws Exception {
        Reply created = admin.postJson(CLIENTS, """
                {"grant_types": ["urn:ietf:params:oauth:grant-type:token-exchange"], "scope": "books.read",
                 "token_exchange_impersonation": true}""");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String clientId = created.json().path("client_id").asString();
        assertThat(admin.get(CLIENTS + "/" + clientId).json().path("token_exchange_impersonation").asBoolean())
                .isTrue();
        String alice = new Grants(http).aliceTokens(Client.DEMO_WEB, "openid books.read").field("access_token");

        var exchanged = http.post("/oauth2/token", clientId, created.json().path("client_secret").asString(),
                Map.of("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "subject_token", alice,
                        "subject_token_type", "urn:ietf:params:oauth:token-type:access_token"));

        assertThat(exchanged.status()).as(exchanged.toString()).isEqualTo(200);
        assertThat(SignedTokens.verified(exchanged.field("access_token"), http).getJWTClaimsSet().getClaims())
                .as("no act: the gateway acts as alice").doesNotContainKey("act");
        Reply replaced = admin.putJson(CLIENTS + "/" + clientId, """
                {"grant_types": ["urn:ietf:params:oauth:grant-type:token-exchange"], "scope": "books.read"}""");
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(admin.get(CLIENTS + "/" + clientId).json().has("token_exchange_impersonation"))
                .as("taken back by a replacement that leaves it out").isFalse();
        Reply withoutTheGrant = admin.postJson(CLIENTS, """
                {"grant_types": ["client_credentials"], "token_exchange_impersonation": true}""");
        assertThat(withoutTheGrant.status()).isEqualTo(400);
        assertThat(withoutTheGrant.json().path("detail").asString()).startsWith("token_exchange_impersonation:");
    }

    @Test
    void anAdministratorRequiresTwoFactorsOfAClientWithDefaultAcrValues() {
        Reply created = admin.postJson(CLIENTS, WEB_APP.formatted(REDIRECT_URI)
                .replace("{", "{\"default_acr_values\": [\"urn:tollgate:mfa\"], "));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String clientId = created.json().path("client_id").asString();
        assertThat(admin.get(CLIENTS + "/" + clientId).json().path("default_acr_values").toString())
                .contains("urn:tollgate:mfa");

        Reply replaced = admin.putJson(CLIENTS + "/" + clientId, WEB_APP.formatted(REDIRECT_URI));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(admin.get(CLIENTS + "/" + clientId).json().has("default_acr_values")).as("taken back").isFalse();

        Reply unknown = admin.postJson(CLIENTS, WEB_APP.formatted(REDIRECT_URI)
                .replace("{", "{\"default_acr_values\": [\"urn:example:gold\"], "));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("detail").asString()).startsWith("default_acr_values:");
    }

    @Test
    void aRotatedSecretReplacesTheOldOneAtOnce(CapturedOutput log) {
        Reply created = admin.postJson(CLIENTS, SERVICE);
        String clientId = created.json().path("client_id").asString();
        String oldSecret = created.json().path("client_secret").asString();
        assertThat(http.clientCredentials(clientId, oldSecret, null).status()).isEqualTo(200);

        Reply rotated = admin.postJson(CLIENTS + "/" + clientId + "/secret", "");

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String newSecret = rotated.json().path("client_secret").asString();
        assertThat(newSecret).isNotEqualTo(oldSecret).hasSizeGreaterThanOrEqualTo(43);
        assertThat(http.clientCredentials(clientId, oldSecret, null).status()).isEqualTo(401);
        assertThat(http.clientCredentials(clientId, newSecret, null).status()).isEqualTo(200);
        assertThat(admin.get(CLIENTS + "/" + clientId).body()).doesNotContain(newSecret);
        assertThat(log.getOut()).contains("what=client.secret").doesNotContain(newSecret).doesNotContain(oldSecret);
    }

    /**
     * Each rotation replaces the secret it read, atomically: one that read a secret another rotation has replaced in
     * the meantime changes nothing and answers 409. So whatever the interleaving, exactly one answered secret works:
     * the one whose rotation committed last.
     */
    @Test
    void secretsRotatedInParallelLeaveExactlyOneAnsweredSecretWorking() {
        Reply created = admin.postJson(CLIENTS, SERVICE);
        String clientId = created.json().path("client_id").asString();

        List<Reply> rotations = Concurrently.times(8, () -> admin.postJson(CLIENTS + "/" + clientId + "/secret", ""));

        assertThat(rotations).allSatisfy(reply -> assertThat(reply.status()).as(reply.toString()).isIn(200, 409));
        assertThat(rotations.stream().filter(reply -> reply.status() == 409))
                .allSatisfy(reply -> assertThat(reply.contentType()).startsWith("application/problem+json"));
        List<String> answered = rotations.stream().filter(reply -> reply.status() == 200)
                .map(reply -> reply.json().path("client_secret").asString()).toList();
        assertThat(answered).isNotEmpty();
        assertThat(answered.stream().filter(secret -> http.clientCredentials(clientId, secret, null).status() == 200))
                .as("working secrets among " + answered.size() + " answered").hasSize(1);
        assertThat(http.clientCredentials(clientId, created.json().path("client_secret").asString(), null).status())
                .isEqualTo(401);
    }

    @Test
    void replacedRedirectUrisAreHonouredByTheAuthorizationEndpointAtOnce(CapturedOutput log) throws Exception {
        Reply created = admin.postJson(CLIENTS, WEB_APP.formatted(REDIRECT_URI));
        String clientId = created.json().path("client_id").asString();
        String secret = created.json().path("client_secret").asString();

        Reply replaced = admin.putJson(CLIENTS + "/" + clientId, WEB_APP.formatted(NEW_REDIRECT_URI));

        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json().path("redirect_uris").get(0).asString()).isEqualTo(NEW_REDIRECT_URI);
        assertThat(replaced.json().has("client_secret")).as("the secret stays").isFalse();
        assertThat(replaced.json().path("post_logout_redirect_uris").get(0).asString())
                .isEqualTo("https://books.example.com/");
        assertThat(http.get(Browser.authorizePath(clientId, REDIRECT_URI, "openid", "s", Pkce.create())).status())
                .as("the replaced redirect URI").isEqualTo(400);
        assertThat(new Grants(http).aliceTokens(new Client(clientId, secret, NEW_REDIRECT_URI), "openid").status())
                .isEqualTo(200);
        assertThat(log.getOut()).contains("what=client.update", "client=" + clientId, "before=", REDIRECT_URI, "after=",
                NEW_REDIRECT_URI).doesNotContain(secret);
    }

    @Test
    void aDeletedClientsTokensConsentsAndSecretStopWorking(CapturedOutput log) throws Exception {
        Reply created = admin.postJson(CLIENTS, WEB_APP.formatted(REDIRECT_URI));
        String clientId = created.json().path("client_id").asString();
        Client client = new Client(clientId, created.json().path("client_secret").asString(), REDIRECT_URI);
        Grants grants = new Grants(http);
        var tokens = grants.aliceTokens(client, "openid books.read");
        assertThat(grants.isActive(tokens.field("refresh_token"))).isTrue();
        String registrationId = database.sql("SELECT id FROM oauth2_registered_client WHERE client_id = ?")
                .param(clientId).query(String.class).single();
        assertThat(consentsOf(registrationId)).as("alice consented").isOne();

        Reply deleted = admin.delete(CLIENTS + "/" + clientId);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(grants.isActive(tokens.field("access_token"))).as("access token").isFalse();
        assertThat(grants.isActive(tokens.field("refresh_token"))).as("refresh token").isFalse();
        assertThat(grants.refresh(client, tokens.field("refresh_token")).status()).as("the secret").isEqualTo(401);
        assertThat(consentsOf(registrationId)).isZero();
        Reply gone = admin.get(CLIENTS + "/" + clientId);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.contentType()).startsWith("application/problem+json");
        assertThat(admin.delete(CLIENTS + "/" + clientId).status()).isEqualTo(404);
        assertThat(log.getOut()).contains("what=client.delete", "client=" + clientId);
    }

    @Test
    void aDeletedServicesJwtAccessTokenIsInactive() {
        Reply created = admin.postJson(CLIENTS, SERVICE);
        String clientId = created.json().path("client_id").asString();
        String token = http.clientCredentials(clientId, created.json().path("client_secret").asString(), null)
                .field("access_token");
        Grants grants = new Grants(http);
        assertThat(grants.isActive(token)).isTrue();

        assertThat(admin.delete(CLIENTS + "/" + clientId).status()).isEqualTo(204);

        assertThat(grants.isActive(token)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http to another host | {"redirect_uris": ["http://books.example.com/cb"]}                                | redirect_uris:             | invalid_redirect_uri
            fragment             | {"redirect_uris": ["https://books.example.com/cb#top"]}                           | redirect_uris:             | invalid_redirect_uri
            no redirect URI      | {"grant_types": ["authorization_code"]}                                           | redirect_uris:             | invalid_redirect_uri
            unknown scope        | {"grant_types": ["client_credentials"], "scope": "books.read books.burn"}         | scope:                     | invalid_client_metadata
            unknown grant type   | {"grant_types": ["client_credentials", "password"]}                               | grant_types:               | invalid_client_metadata
            public service       | {"grant_types": ["client_credentials"], "token_endpoint_auth_method": "none"}     | token_endpoint_auth_method: | invalid_client_metadata
            chosen client id     | {"client_id": "mine", "grant_types": ["client_credentials"]}                      | client_id:                 | invalid_client_metadata
            wrong type           | {"grant_types": ["client_credentials"], "jwks_uri": "not a url"}                 | jwks_uri                   | invalid_client_metadata
            bad JSON             | {"grant_types": [                                                                 | JSON                       | invalid_request
            not an object        | ["client_credentials"]                                                            | JSON                       | invalid_request
            """)
    void badMetadataIsA400ProblemNamingTheField(String what, String body, String named, String error) {
        long before = clientCount();

        Reply refused = admin.postJson(CLIENTS, body);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asString()).as(refused.toString()).contains(named);
        assertThat(refused.json().path("error").asString()).isEqualTo(error);
        assertThat(clientCount()).as("nothing written").isEqualTo(before);
    }

    @Test
    void aBadReplacementChangesNothing() {
        Reply created = admin.postJson(CLIENTS, WEB_APP.formatted(REDIRECT_URI));
        String clientId = created.json().path("client_id").asString();

        Reply refused = admin.putJson(CLIENTS + "/" + clientId, WEB_APP.formatted("http://books.example.com/cb"));
        Reply secretChosen = admin.putJson(CLIENTS + "/" + clientId, """
                {"client_id": "%s", "client_secret": "chosen", "redirect_uris": ["%s"]}"""
                .formatted(clientId, NEW_REDIRECT_URI));
        Reply otherId = admin.putJson(CLIENTS + "/" + clientId, """
                {"client_id": "demo-web", "redirect_uris": ["%s"]}""".formatted(NEW_REDIRECT_URI));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").asString()).isEqualTo("invalid_redirect_uri");
        assertThat(secretChosen.status()).isEqualTo(400);
        assertThat(secretChosen.json().path("detail").asString()).startsWith("client_secret:");
        assertThat(otherId.status()).isEqualTo(400);
        assertThat(otherId.json().path("detail").asString()).startsWith("client_id:");
        assertThat(admin.get(CLIENTS + "/" + clientId).json().path("redirect_uris").get(0).asString())
                .isEqualTo(REDIRECT_URI);
    }

    @Test
    void anUnknownClientIsA404Problem() {
        for (Reply reply : List.of(admin.get(CLIENTS + "/nobody"), admin.delete(CLIENTS + "/nobody"),
                admin.putJson(CLIENTS + "/nobody", SERVICE), admin.postJson(CLIENTS + "/nobody/secret", ""))) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().path("detail").asString()).contains("nobody");
        }
    }

    @Test
    void theBuiltInAdminCliCannotBeChangedOrDeletedAndAPublicClientHasNoSecretToRotate() {
        for (Reply reply : List.of(admin.delete(CLIENTS + "/tollgate-admin-cli"),
                admin.putJson(CLIENTS + "/tollgate-admin-cli", SERVICE),
                admin.postJson(CLIENTS + "/tollgate-admin-cli/secret", ""))) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
            assertThat(reply.json().path("detail").asString()).contains("built in");
        }
        assertThat(admin.postJson(CLIENTS + "/demo-cli/secret", "").status()).isEqualTo(409);
    }

    @Test
    void withoutTheAdminScopeNothingIsListedOrChanged() {
        long before = clientCount();
        String serviceToken = http.clientCredentials("demo-service", "demo-service-secret", null).field("access_token");

        Reply anonymous = AdminHttp.withoutToken(http).postJson(CLIENTS, SERVICE);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(AdminHttp.withoutToken(http).get(CLIENTS).status()).isEqualTo(401);
        assertThat(AdminHttp.withToken(http, serviceToken).get(CLIENTS).status()).isEqualTo(403);
        assertThat(AdminHttp.withToken(http, serviceToken).postJson(CLIENTS, SERVICE).status()).isEqualTo(403);
        assertThat(AdminHttp.withToken(http, serviceToken).delete(CLIENTS + "/demo-web").status()).isEqualTo(403);
        assertThat(clientCount()).isEqualTo(before);
    }

    private long clientCount() {
        return database.sql("SELECT COUNT(*) FROM oauth2_registered_client").query(Long.class).single();
    }

    private long consentsOf(String registrationId) {
        return database.sql("SELECT COUNT(*) FROM oauth2_authorization_consent WHERE registered_client_id = ?")
                .param(registrationId).query(Long.class).single();
    }
}
