package dev.tollgate.auth.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.Pkce;

/** RFC 7592: a client reads, updates and deletes its own registration with its registration access token. */
@AuthServerTest
@ExtendWith(OutputCaptureExtension.class)
class ClientConfigurationManagementTest extends HttpTest {

    private static final String REDIRECT_URI = "https://books.example.com/callback";

    private static final String NEW_REDIRECT_URI = "https://books.example.com/signed-in";

    @Autowired
    RegisteredClientRepository clients;

    private Reply registered;

    private String clientId;

    private String secret;

    private String registrationToken;

    private String configurationPath;

    @BeforeEach
    void registerAWebClient() {
        registered = register();
        clientId = registered.field("client_id");
        secret = registered.field("client_secret");
        registrationToken = registered.field("registration_access_token");
        configurationPath = pathOf(registered.field("registration_client_uri"));
    }

    @Test
    void anUpdateReplacesTheRedirectUrisAndTheAuthorizationEndpointHonoursThemAtOnce() throws Exception {
        Reply updated = http.putJson(configurationPath, registrationToken, metadata(NEW_REDIRECT_URI, clientId));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.field("client_id")).isEqualTo(clientId);
        assertThat(updated.json().get("redirect_uris").size()).isEqualTo(1);
        assertThat(updated.json().get("redirect_uris").get(0).asString()).isEqualTo(NEW_REDIRECT_URI);
        assertThat(updated.json().has("client_secret")).as("the secret stays, and is never shown again").isFalse();
        assertThat(updated.field("registration_client_uri")).isEqualTo(registered.field("registration_client_uri"));

        Reply oldRedirect = http.get(Browser.authorizePath(clientId, REDIRECT_URI, "openid", "s", Pkce.create()));
        assertThat(oldRedirect.status()).as("the replaced redirect URI: " + oldRedirect).isEqualTo(400);
        assertThat(oldRedirect.location()).isNull();
        Reply tokens = new Grants(http).aliceTokens(new Client(clientId, secret, NEW_REDIRECT_URI), "openid books.read");
        assertThat(tokens.status()).as("the new redirect URI, the old secret: " + tokens).isEqualTo(200);

        Reply read = http.getWithBearer(configurationPath, registrationToken);
        assertThat(read.json().get("redirect_uris").get(0).asString()).isEqualTo(NEW_REDIRECT_URI);
    }

    @Test
    void anUpdateMaySendBackWhatTheServerAssignedAndTheCurrentSecret() {
        String sentBack = """
                {"client_id": "%s", "client_secret": "%s", "client_id_issued_at": 1, "client_secret_expires_at": 0,
                 "registration_access_token": "x", "registration_client_uri": "https://elsewhere.example/",
                 "client_name": "Books Web 2", "redirect_uris": ["%s"], "grant_types": ["authorization_code"]}
                """.formatted(clientId, secret, NEW_REDIRECT_URI);

        Reply updated = http.putJson(configurationPath, registrationToken, sentBack);

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.field("client_name")).isEqualTo("Books Web 2");
        assertThat(updated.json().get("client_id_issued_at").asLong())
                .isEqualTo(registered.json().get("client_id_issued_at").asLong());
        assertThat(updated.field("registration_client_uri")).startsWith(AuthServerTest.ISSUER);
        assertThat(updated.json().get("grant_types").size()).as("omitted values are gone: no refresh_token").isEqualTo(1);
    }

    @Test
    void anUpdateUnderTheRegistrarsRulesIsRefusedAndChangesNothing() {
        assertRefused(http.putJson(configurationPath, registrationToken, metadata("http://books.example.com/cb",
                clientId)), 400, "invalid_redirect_uri");
        assertRefused(http.putJson(configurationPath, registrationToken, metadata("https://books.example.com/cb#f",
                clientId)), 400, "invalid_redirect_uri");
        assertRefused(http.putJson(configurationPath, registrationToken, """
                {"redirect_uris": ["%s"], "scope": "openid tollgate.admin"}""".formatted(NEW_REDIRECT_URI)),
                400, "invalid_client_metadata");
        assertRefused(http.putJson(configurationPath, registrationToken, """
                {"redirect_uris": ["%s"], "grant_types": ["authorization_code", "password"]}"""
                .formatted(NEW_REDIRECT_URI)), 400, "invalid_client_metadata");
        assertRefused(http.putJson(configurationPath, registrationToken, metadata(NEW_REDIRECT_URI, "someone-else")),
                400, "invalid_client_metadata");
        assertRefused(http.putJson(configurationPath, registrationToken, """
                {"client_secret": "my-own-choice", "redirect_uris": ["%s"]}""".formatted(NEW_REDIRECT_URI)),
                400, "invalid_client_metadata");
        assertRefused(http.putJson(configurationPath, registrationToken, "{\"redirect_uris\": ["), 400,
                "invalid_request");

        assertThat(clients.findByClientId(clientId).getRedirectUris()).containsExactly(REDIRECT_URI);
    }

    @Test
    void anotherClientsRegistrationAccessTokenChangesNothing() {
        String otherToken = register().field("registration_access_token");

        assertRefused(http.getWithBearer(configurationPath, otherToken), 401, "invalid_token");
        assertRefused(http.putJson(configurationPath, otherToken, metadata(NEW_REDIRECT_URI, clientId)), 401,
                "invalid_token");
        assertRefused(http.deleteWithBearer(configurationPath, otherToken), 401, "invalid_token");

        assertThat(clients.findByClientId(clientId).getRedirectUris()).containsExactly(REDIRECT_URI);
    }

    @Test
    void withoutTheRegistrationAccessTokenNothingChanges() {
        String registrarToken = registrarToken();
        String clientsOwnAccessToken = http.clientCredentials("demo-service", "demo-service-secret", null)
                .field("access_token");

        assertThat(http.putJson(configurationPath, null, metadata(NEW_REDIRECT_URI, clientId)).status()).isEqualTo(401);
        assertThat(http.deleteWithBearer(configurationPath, null).status()).isEqualTo(401);
        assertThat(http.deleteWithBearer(configurationPath, "not-a-token").status()).isEqualTo(401);
        assertRefused(http.putJson(configurationPath, registrarToken, metadata(NEW_REDIRECT_URI, clientId)), 403,
                "insufficient_scope");
        assertRefused(http.deleteWithBearer(configurationPath, clientsOwnAccessToken), 403, "insufficient_scope");

        assertThat(clients.findByClientId(clientId)).isNotNull();
        assertThat(clients.findByClientId(clientId).getRedirectUris()).containsExactly(REDIRECT_URI);
    }

    @Test
    void theRfc7591EndpointHasNoSideDoor() {
        String path = "/oauth2/register?client_id=" + clientId;

        assertThat(http.putJson(path, registrationToken, metadata(NEW_REDIRECT_URI, clientId)).status())
                .isBetween(400, 499);
        assertThat(http.deleteWithBearer(path, registrationToken).status()).isBetween(400, 499);
        assertThat(http.getWithBearer(path, registrationToken).status()).isBetween(400, 499);

        assertThat(clients.findByClientId(clientId).getRedirectUris()).containsExactly(REDIRECT_URI);
    }

    @Test
    void aDeletedClientsTokensSecretAndRegistrationAccessTokenStopWorking(CapturedOutput log) throws Exception {
        Client client = new Client(clientId, secret, REDIRECT_URI);
        Grants grants = new Grants(http);
        Reply tokens = grants.aliceTokens(client, "openid books.read");
        assertThat(grants.isActive(tokens.field("refresh_token"))).isTrue();

        Reply deleted = http.deleteWithBearer(configurationPath, registrationToken);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(clients.findByClientId(clientId)).isNull();
        assertThat(grants.isActive(tokens.field("access_token"))).as("access token").isFalse();
        assertThat(grants.isActive(tokens.field("refresh_token"))).as("refresh token").isFalse();
        Reply refresh = grants.refresh(client, tokens.field("refresh_token"));
        assertThat(refresh.status()).as("the secret no longer authenticates: " + refresh).isEqualTo(401);
        assertRefused(http.getWithBearer(configurationPath, registrationToken), 401, "invalid_token");
        assertRefused(http.deleteWithBearer(configurationPath, registrationToken), 401, "invalid_token");
        assertThat(log.getOut()).as("the client removed itself").contains("event=ADMIN_CHANGE", "what=client.delete",
                "client=" + clientId, "actor=" + clientId).doesNotContain(secret);
    }

    private Reply register() {
        Reply reply = http.postJson("/connect/register", registrarToken(), """
                {"client_name": "Books Web", "redirect_uris": ["%s"],
                 "grant_types": ["authorization_code", "refresh_token"], "scope": "openid profile books.read"}
                """.formatted(REDIRECT_URI));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply;
    }

    private static String metadata(String redirectUri, String clientId) {
        return """
                {"client_id": "%s", "client_name": "Books Web", "redirect_uris": ["%s"],
                 "grant_types": ["authorization_code", "refresh_token"], "scope": "openid profile books.read"}
                """.formatted(clientId, redirectUri);
    }

    private String registrarToken() {
        return http.clientCredentials("demo-registrar", "demo-registrar-secret", null).field("access_token");
    }

    private static void assertRefused(Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.field("error")).as(reply.toString()).isEqualTo(error);
    }

    private static String pathOf(String uri) {
        URI parsed = URI.create(uri);
        return parsed.getRawPath() + "?" + parsed.getRawQuery();
    }
}
