package dev.tollgate.auth.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Base64;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import dev.tollgate.auth.secret.SecretDigest;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;

@AuthServerTest
class DynamicClientRegistrationTest extends HttpTest {

    private static final String REDIRECT_URI = "https://books.example.com/callback";

    private static final String WEB_CLIENT = """
            {"client_name": "Books Web", "redirect_uris": ["%s"],
             "grant_types": ["authorization_code", "refresh_token"], "scope": "openid profile books.read"}
            """.formatted(REDIRECT_URI);

    @Autowired
    JdbcClient database;

    @Autowired
    RegisteredClientRepository clients;

    @Test
    void theRegistrarRegistersAWebClientThatAliceThenSignsInTo() throws Exception {
        Reply registered = http.postJson("/connect/register", registrarToken(), WEB_CLIENT);

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String clientId = registered.field("client_id");
        String secret = registered.field("client_secret");
        assertThat(clientId).isNotBlank();
        assertThat(Base64.getUrlDecoder().decode(secret)).as("a secret of 256 bits").hasSizeGreaterThanOrEqualTo(32);
        assertThat(registered.json().get("client_secret_expires_at").asLong()).isZero();
        assertThat(registered.field("token_endpoint_auth_method")).isEqualTo("client_secret_basic");
        assertThat(registered.field("registration_access_token")).isNotBlank();
        assertThat(registered.field("registration_client_uri"))
                .isEqualTo(AuthServerTest.ISSUER + "/connect/register?client_id=" + clientId);

        Reply tokens = new Grants(http).aliceTokens(new Client(clientId, secret, REDIRECT_URI), "openid books.read");
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        assertThat(tokens.field("scope").split(" ")).containsExactlyInAnyOrder("openid", "books.read");
        assertThat(tokens.field("id_token")).isNotBlank();
        assertThat(http.introspect(tokens.field("access_token")).field("client_id")).isEqualTo(clientId);

        Reply clientCredentials = http.clientCredentials(clientId, secret, null);
        assertThat(clientCredentials.status()).as("only the registered grant types").isEqualTo(400);
        assertThat(clientCredentials.field("error")).isEqualTo("unauthorized_client");
    }

    @Test
    void aRegisteredClientKeepsOnlyADigestOfItsSecretAndRequiresPkceAndConsent() {
        Reply registered = http.postJson("/connect/register", registrarToken(), WEB_CLIENT);
        String clientId = registered.field("client_id");

        String stored = database.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?")
                .param(clientId).query(String.class).single();
        assertThat(stored).startsWith("{sha256}")
                .isEqualTo(SecretDigest.stored(registered.field("client_secret")));
        RegisteredClient client = clients.findByClientId(clientId);
        assertThat(client.getClientSettings().isRequireProofKey()).isTrue();
        assertThat(client.getClientSettings().isRequireAuthorizationConsent()).isTrue();
        assertThat(client.getRedirectUris()).containsExactly(REDIRECT_URI);
        assertThat(client.getTokenSettings().getAccessTokenTimeToLive()).hasSeconds(300);
        assertThat(client.getTokenSettings().isReuseRefreshTokens()).isFalse();
    }

    @Test
    void theRegistrationAccessTokenReadsTheClientsConfigurationWithoutItsSecret() {
        Reply registered = http.postJson("/connect/register", registrarToken(), WEB_CLIENT);
        String configurationPath = pathOf(registered.field("registration_client_uri"));

        Reply configuration = http.getWithBearer(configurationPath, registered.field("registration_access_token"));

        assertThat(configuration.status()).as(configuration.toString()).isEqualTo(200);
        assertThat(configuration.field("client_id")).isEqualTo(registered.field("client_id"));
        assertThat(configuration.field("client_name")).isEqualTo("Books Web");
        assertThat(configuration.json().get("redirect_uris").get(0).asString()).isEqualTo(REDIRECT_URI);
        assertThat(configuration.json().has("client_secret")).isFalse();
        assertThat(http.get(configurationPath).status()).as("an API: no login page").isEqualTo(401);
        assertThat(http.getWithBearer(configurationPath, registrarToken()).status())
                .as("the registrar's token is not this client's registration access token").isEqualTo(403);
    }

    @Test
    void anInitialAccessTokenRegistersOneClientOnly() {
        String token = registrarToken();
        assertThat(http.postJson("/connect/register", token, WEB_CLIENT).status()).isEqualTo(201);

        Reply again = http.postJson("/connect/register", token, WEB_CLIENT);

        assertThat(again.status()).isEqualTo(401);
        assertThat(again.field("error")).isEqualTo("invalid_token");
    }

    @Test
    void withoutATokenRegistrationIsUnauthorized() {
        Reply reply = http.postJson("/connect/register", null, WEB_CLIENT);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(http.postJson("/oauth2/register", null, WEB_CLIENT).status()).isEqualTo(401);
    }

    @Test
    void aTokenWithoutClientCreateIsForbidden() {
        String serviceToken = http.clientCredentials("demo-service", "demo-service-secret", null).field("access_token");

        Reply reply = http.postJson("/connect/register", serviceToken, WEB_CLIENT);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
        assertThat(reply.field("error")).isEqualTo("insufficient_scope");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            implicit grant         | "grant_types": ["implicit"], "redirect_uris": ["https://a.example/cb"]                            | invalid_client_metadata
            password grant         | "grant_types": ["password"], "redirect_uris": ["https://a.example/cb"]                            | invalid_client_metadata
            token response type    | "response_types": ["token"], "redirect_uris": ["https://a.example/cb"]                            | invalid_client_metadata
            unknown scope          | "scope": "openid admin", "redirect_uris": ["https://a.example/cb"]                                | invalid_client_metadata
            client.create scope    | "scope": "client.create", "redirect_uris": ["https://a.example/cb"]                               | invalid_client_metadata
            admin scope            | "scope": "openid tollgate.admin", "redirect_uris": ["https://a.example/cb"]                       | invalid_client_metadata
            device with admin scope| "grant_types": ["urn:ietf:params:oauth:grant-type:device_code"], "scope": "tollgate.admin", "redirect_uris": ["https://a.example/cb"] | invalid_client_metadata
            refresh without a user | "grant_types": ["client_credentials", "refresh_token"], "redirect_uris": ["https://a.example/cb"] | invalid_client_metadata
            key set by value       | "jwks": {"keys": []}, "redirect_uris": ["https://a.example/cb"]                                  | invalid_client_metadata
            client_secret_jwt      | "token_endpoint_auth_method": "client_secret_jwt", "redirect_uris": ["https://a.example/cb"]      | invalid_client_metadata
            public token exchange  | "token_endpoint_auth_method": "none", "grant_types": ["urn:ietf:params:oauth:grant-type:token-exchange"], "redirect_uris": ["https://a.example/cb"] | invalid_client_metadata
            impersonation          | "grant_types": ["urn:ietf:params:oauth:grant-type:token-exchange"], "token_exchange_impersonation": true, "redirect_uris": ["https://a.example/cb"]| invalid_client_metadata
            fragment               | "redirect_uris": ["https://a.example/cb#x"]                                                       | invalid_redirect_uri
            plain http             | "redirect_uris": ["http://a.example/cb"]                                                          | invalid_redirect_uri
            javascript             | "redirect_uris": ["javascript:alert(1)"]                                                          | invalid_redirect_uri
            relative               | "redirect_uris": ["/cb"]                                                                          | invalid_redirect_uri
            user info              | "redirect_uris": ["https://evil.example@a.example/cb"]                                            | invalid_redirect_uri
            post-logout plain http | "redirect_uris": ["https://a.example/cb"], "post_logout_redirect_uris": ["http://a.example/bye"] | invalid_client_metadata
            """)
    void unsafeOrUnsupportedMetadataIsRefused(String what, String metadata, String error) {
        Reply reply = http.postJson("/connect/register", registrarToken(), "{" + metadata + "}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.field("error")).isEqualTo(error);
    }

    @Test
    void malformedJsonIsABadRequestNotAServerError() {
        Reply reply = http.postJson("/connect/register", registrarToken(), "{\"redirect_uris\": [");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field("error")).isEqualTo("invalid_request");
    }

    @Test
    void aPublicClientGetsNoSecretAndUsesPkce() throws Exception {
        String redirectUri = "http://127.0.0.1:53999/callback";
        Reply registered = http.postJson("/connect/register", registrarToken(), """
                {"redirect_uris": ["%s"], "token_endpoint_auth_method": "none",
                 "grant_types": ["authorization_code", "refresh_token"]}
                """.formatted(redirectUri));

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().has("client_secret")).isFalse();
        assertThat(registered.field("scope")).as("openid by default").isEqualTo("openid");
        Reply tokens = new Grants(http).aliceTokens(new Client(registered.field("client_id"), null, redirectUri),
                "openid");
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
    }

    @Test
    void aPublicDeviceClientRegistersAtTheOAuthEndpointWithoutRedirectUrisAndStartsTheDeviceFlow() {
        Reply registered = http.postJson("/oauth2/register", registrarToken(), """
                {"client_name": "Living Room TV", "token_endpoint_auth_method": "none", "scope": "books.read",
                 "grant_types": ["urn:ietf:params:oauth:grant-type:device_code", "refresh_token"]}
                """);

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().has("client_secret")).isFalse();
        assertThat(registered.json().get("grant_types").toString())
                .contains("urn:ietf:params:oauth:grant-type:device_code");
        Reply device = http.post("/oauth2/device_authorization", Map.of("client_id", registered.field("client_id")));
        assertThat(device.status()).as(device.toString()).isEqualTo(200);
        assertThat(device.field("user_code")).isNotBlank();
    }

    @Test
    void aServiceRegistersAtTheOAuthEndpointAndGetsClientCredentialsTokens() {
        Reply registered = http.postJson("/oauth2/register", registrarToken(), """
                {"client_name": "Books Importer", "grant_types": ["client_credentials"], "scope": "books.read"}
                """);

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        Reply token = http.clientCredentials(registered.field("client_id"), registered.field("client_secret"), null);
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        assertThat(token.field("scope")).isEqualTo("books.read");
    }

    @Test
    void discoveryAdvertisesTheRegistrationEndpoints() {
        assertThat(http.get("/.well-known/openid-configuration").field("registration_endpoint"))
                .isEqualTo(AuthServerTest.ISSUER + "/connect/register");
        assertThat(http.get("/.well-known/oauth-authorization-server").field("registration_endpoint"))
                .as("one endpoint for both; /oauth2/register stays as an alias")
                .isEqualTo(AuthServerTest.ISSUER + "/connect/register");
    }

    private String registrarToken() {
        Reply token = http.clientCredentials("demo-registrar", "demo-registrar-secret", null);
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        return token.field("access_token");
    }

    private static String pathOf(String uri) {
        URI parsed = URI.create(uri);
        return parsed.getRawPath() + "?" + parsed.getRawQuery();
    }
}
