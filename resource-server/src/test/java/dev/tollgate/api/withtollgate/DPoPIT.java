package dev.tollgate.api.withtollgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import dev.tollgate.api.support.ApiResponse;

/**
 * README, "DPoP": a token Tollgate bound to the client's key (a JWT and an opaque one) reads books with a proof of
 * that key, and not as a bearer token. Proofs and the token request by the Nimbus OAuth 2.0 SDK.
 */
class DPoPIT extends TollgateApiTest {

    @ParameterizedTest
    @ValueSource(strings = {"demo-service", "demo-service-opaque"})
    void aTokenBoundByTollgateIsUsableOnlyWithAProofOfItsKey(String client) throws Exception {
        JWK key = new ECKeyGenerator(Curve.P_256).generate();
        DefaultDPoPProofFactory proofs = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
        URI tokenEndpoint = URI.create(TollgateProcess.shared().issuer() + "/oauth2/token");
        HTTPRequest request = new TokenRequest(tokenEndpoint,
                new ClientSecretBasic(new ClientID(client), new Secret(client + "-secret")),
                new ClientCredentialsGrant()).toHTTPRequest();
        request.setDPoP(proofs.createDPoPJWT("POST", tokenEndpoint));
        TokenResponse response = TokenResponse.parse(request.send());
        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        AccessToken token = ((AccessTokenResponse) response).getTokens().getAccessToken();
        assertThat(token).isInstanceOf(DPoPAccessToken.class);
        String proof = proofs.createDPoPJWT("GET", URI.create("http://localhost:" + port + "/api/books"), token)
                .serialize();

        ApiResponse withProof = api.exchange(HttpMethod.GET, "/api/books", headers -> {
            headers.set(HttpHeaders.AUTHORIZATION, token.toAuthorizationHeader());
            headers.set("DPoP", proof);
        }, null, MediaType.APPLICATION_JSON);
        ApiResponse asBearer = api.get("/api/books", token.getValue());

        assertThat(withProof.status()).isEqualTo(200);
        assertThat(asBearer.status()).isEqualTo(401);
        assertThat(asBearer.header(HttpHeaders.WWW_AUTHENTICATE)).startsWith("DPoP ");
    }
}
