package dev.tollgate.auth.par;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import org.junit.jupiter.api.Test;

import dev.tollgate.auth.support.AdminHttp;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.Pkce;

/**
 * {@code require_pushed_authorization_requests} (RFC 9126 section 6): a client registered with it, by an
 * administrator or by dynamic registration, gets no code for a plain authorization request, only for a pushed one.
 */
@AuthServerTest
class PushedRequestsRequiredTest extends HttpTest {

    private static final String REDIRECT_URI = "https://books.example.com/callback";

    private static final String CLIENT = """
            {"client_name": "Books Web", "redirect_uris": ["%s"], "grant_types": ["authorization_code"],
             "scope": "openid profile", "require_pushed_authorization_requests": %s}""";

    @Test
    void aClientTheAdministratorMadePushOnlyGetsNoCodeForAPlainRequest() throws Exception {
        AdminHttp admin = AdminHttp.asDemoAdmin(http);
        AdminHttp.Reply created = admin.postJson("/admin/api/clients", CLIENT.formatted(REDIRECT_URI, true));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("require_pushed_authorization_requests").asBoolean()).isTrue();
        String clientId = created.json().path("client_id").asString();
        String secret = created.json().path("client_secret").asString();

        try (Browser browser = new Browser(http.baseUrl())) {
            assertThat(plainRequest(browser, clientId)).containsEntry("error", "invalid_request")
                    .containsEntry("state", "plain").doesNotContainKey("code");
            assertThat(pushedRequest(browser, clientId, secret)).containsKey("code").containsEntry("state", "pushed");

            AdminHttp.Reply replaced = admin.putJson("/admin/api/clients/" + clientId,
                    CLIENT.formatted(REDIRECT_URI, false));
            assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
            assertThat(admin.get("/admin/api/clients/" + clientId).json()
                    .path("require_pushed_authorization_requests").asBoolean()).isFalse();
            assertThat(plainRequest(browser, clientId)).containsKey("code").containsEntry("state", "plain");
        }
    }

    @Test
    void dynamicRegistrationAcceptsTheMetadata() throws Exception {
        Reply registered = http.postJson("/connect/register", registrarToken(), CLIENT.formatted(REDIRECT_URI, true));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().path("require_pushed_authorization_requests").asBoolean()).isTrue();
        String clientId = registered.field("client_id");

        try (Browser browser = new Browser(http.baseUrl())) {
            assertThat(plainRequest(browser, clientId)).containsEntry("error", "invalid_request");
            assertThat(pushedRequest(browser, clientId, registered.field("client_secret"))).containsKey("code");
        }
    }

    @Test
    void theMetadataIsABoolean() {
        Reply refused = http.postJson("/connect/register", registrarToken(), CLIENT.formatted(REDIRECT_URI, "\"yes\""));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.field("error")).isEqualTo("invalid_client_metadata");
        assertThat(refused.field("error_description")).contains("require_pushed_authorization_requests");
    }

    @Test
    void discoveryAdvertisesTheEndpointAndThatNotEveryClientMustPush() {
        for (String document : new String[] {"/.well-known/openid-configuration",
                "/.well-known/oauth-authorization-server"}) {
            Reply metadata = http.get(document);
            assertThat(metadata.field("pushed_authorization_request_endpoint")).as(document)
                    .isEqualTo(AuthServerTest.ISSUER + "/oauth2/par");
            assertThat(metadata.json().path("require_pushed_authorization_requests").isBoolean()).as(document).isTrue();
            assertThat(metadata.field("require_pushed_authorization_requests")).as(document).isEqualTo("false");
        }
    }

    private static Map<String, String> plainRequest(Browser browser, String clientId) throws Exception {
        return signInAndApprove(browser, Browser.authorizePath(clientId, REDIRECT_URI, "openid", "plain",
                Pkce.create()));
    }

    private Map<String, String> pushedRequest(Browser browser, String clientId, String secret) throws Exception {
        ClientID client = new ClientID(clientId);
        PushedAuthorizationResponse pushed = PushedAuthorizationResponse.parse(new PushedAuthorizationRequest(
                URI.create(http.baseUrl() + "/oauth2/par"), new ClientSecretBasic(client, new Secret(secret)),
                new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE), client)
                        .redirectionURI(URI.create(REDIRECT_URI)).scope(Scope.parse("openid"))
                        .state(new State("pushed")).codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256)
                        .build()).toHTTPRequest().send());
        assertThat(pushed.indicatesSuccess()).as(String.valueOf(pushed.toHTTPResponse().getBody())).isTrue();
        return signInAndApprove(browser, new AuthorizationRequest.Builder(pushed.toSuccessResponse().getRequestURI(),
                client).endpointURI(URI.create("/oauth2/authorize")).build().toURI().toString());
    }

    private static Map<String, String> signInAndApprove(Browser browser, String path) throws Exception {
        return PushedAuthorizationRequestsTest.signInAndApprove(browser, path, "alice");
    }

    private String registrarToken() {
        return http.clientCredentials("demo-registrar", "demo-registrar-secret", null).field("access_token");
    }
}
