package dev.tollgate.auth.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import org.junit.jupiter.api.Test;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.Grants.Code;
import dev.tollgate.auth.support.HttpTest;

/**
 * Tollgate's own protected resources (the userinfo endpoint, the admin API) hold a DPoP-bound token to its key as the
 * API does (RFC 9449 §7.2): sent as a bearer token, a stolen bound token opens nothing; with a proof of the key it
 * works.
 */
@AuthServerTest
class DPoPBoundTokensAtOwnResourcesTest extends HttpTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aBoundAdminTokenSentAsABearerTokenIsRefusedAndWorksWithAProof() throws Exception {
        DPoPKey key = DPoPKey.es256();
        URI tokenEndpoint = URI.create(http.baseUrl() + "/oauth2/token");
        HTTPRequest request = new TokenRequest(tokenEndpoint,
                new ClientSecretBasic(new ClientID("demo-admin"), new Secret("demo-admin-secret")),
                new ClientCredentialsGrant(), new Scope("tollgate.admin")).toHTTPRequest();
        request.setDPoP(key.proof("POST", tokenEndpoint));
        AccessToken token = TokenResponse.parse(request.send()).toSuccessResponse().getTokens().getAccessToken();
        URI events = URI.create(http.baseUrl() + "/admin/api/events");

        HttpResponse<String> asBearer = get(events, "Bearer " + token.getValue(), null);
        HttpResponse<String> withProof = get(events, "DPoP " + token.getValue(),
                key.proofs().createDPoPJWT("GET", events, token).serialize());

        assertThat(asBearer.statusCode()).as(asBearer.body()).isEqualTo(401);
        assertThat(asBearer.headers().firstValue("WWW-Authenticate")).get().asString()
                .contains("error=\"invalid_token\"");
        assertThat(withProof.statusCode()).as(withProof.body()).isEqualTo(200);
    }

    @Test
    void aBoundSignalsTokenSentAsABearerTokenManagesNoStreamAndWithAProofItDoes() throws Exception {
        DPoPKey key = DPoPKey.es256();
        URI tokenEndpoint = URI.create(http.baseUrl() + "/oauth2/token");
        HTTPRequest request = new TokenRequest(tokenEndpoint, new ClientSecretBasic(
                new ClientID("resource-server-signals"), new Secret("resource-server-signals-secret")),
                new ClientCredentialsGrant(), new Scope("ssf.manage")).toHTTPRequest();
        request.setDPoP(key.proof("POST", tokenEndpoint));
        AccessToken token = TokenResponse.parse(request.send()).toSuccessResponse().getTokens().getAccessToken();
        URI streams = URI.create(http.baseUrl() + "/ssf/streams");

        HttpResponse<String> asBearer = get(streams, "Bearer " + token.getValue(), null);
        HttpResponse<String> withProof = get(streams, "DPoP " + token.getValue(),
                key.proofs().createDPoPJWT("GET", streams, token).serialize());

        assertThat(asBearer.statusCode()).as(asBearer.body()).isEqualTo(401);
        assertThat(withProof.statusCode()).as(withProof.body()).isEqualTo(200);
    }

    @Test
    void aBoundUserTokenSentAsABearerTokenGetsNoUserinfoAndWithAProofItDoes() throws Exception {
        DPoPKey key = DPoPKey.es256();
        URI tokenEndpoint = URI.create(http.baseUrl() + "/oauth2/token");
        Code code;
        try (Browser browser = new Browser(http.baseUrl())) {
            code = new Grants(http).authorize(browser, Client.DEMO_CLI, "alice", "alice-password", "openid profile");
        }
        HTTPRequest request = new TokenRequest(tokenEndpoint, new ClientID(Client.DEMO_CLI.id()),
                new AuthorizationCodeGrant(new AuthorizationCode(code.value()),
                        URI.create(Client.DEMO_CLI.redirectUri()), new CodeVerifier(code.pkce().verifier())))
                .toHTTPRequest();
        request.setDPoP(key.proof("POST", tokenEndpoint));
        AccessToken token = TokenResponse.parse(request.send()).toSuccessResponse().getTokens().getAccessToken();
        URI userinfo = URI.create(http.baseUrl() + "/userinfo");

        HttpResponse<String> asBearer = get(userinfo, "Bearer " + token.getValue(), null);
        HttpResponse<String> withProof = get(userinfo, "DPoP " + token.getValue(),
                key.proofs().createDPoPJWT("GET", userinfo, token).serialize());

        assertThat(asBearer.statusCode()).as(asBearer.body()).isEqualTo(401);
        assertThat(asBearer.body()).doesNotContain("alice");
        assertThat(withProof.statusCode()).as(withProof.body()).isEqualTo(200);
        assertThat(withProof.body()).contains("\"sub\"");
    }

    private HttpResponse<String> get(URI uri, String authorization, String proof) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", authorization);
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
