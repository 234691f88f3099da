package dev.tollgate.auth.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessToken;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import com.nimbusds.openid.connect.sdk.Nonce;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.auth.secret.SecretDigest;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.Grants.Code;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.SignedTokens;
import dev.tollgate.testsupport.TestClock;

/** README, "DPoP": sender-constrained access tokens at the token endpoint (RFC 9449 §4, §5, §6, §11.1). */
@AuthServerTest
class DPoPTokenEndpointTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    URI tokenEndpoint;

    @BeforeEach
    void setUp() {
        tokenEndpoint = URI.create(http.baseUrl() + "/oauth2/token");
    }

    @Test
    void anEs256ProofGetsADPoPTokenBoundToItsKey() throws Exception {
        DPoPKey key = DPoPKey.es256();

        Map<String, Object> reply = ok(serviceToken("demo-service", "demo-service-secret",
                key.proof("POST", tokenEndpoint)));

        assertThat(reply.get("token_type")).isEqualTo("DPoP");
        var claims = SignedTokens.verified((String) reply.get("access_token"), http).getJWTClaimsSet();
        assertThat(claims.getJSONObjectClaim("cnf")).containsExactly(Map.entry("jkt", key.thumbprint()));
        // a client's JWT is not stored: introspection reads it back from the token itself, type included
        Reply introspection = http.introspect((String) reply.get("access_token"));
        assertThat(introspection.field("token_type")).isEqualTo("DPoP");
        assertThat(introspection.json().get("cnf").get("jkt").asString()).isEqualTo(key.thumbprint());
    }

    @Test
    void anRs256ProofGetsAnOpaqueDPoPTokenWhoseIntrospectionReportsTheKey() throws Exception {
        DPoPKey key = DPoPKey.rs256();

        Map<String, Object> reply = ok(serviceToken("demo-service-opaque", "demo-service-opaque-secret",
                key.proof("POST", tokenEndpoint)));

        assertThat(reply.get("token_type")).isEqualTo("DPoP");
        Reply introspection = http.introspect((String) reply.get("access_token"));
        assertThat(introspection.field("active")).isEqualTo("true");
        assertThat(introspection.field("token_type")).isEqualTo("DPoP");
        assertThat(introspection.json().get("cnf").get("jkt").asString()).isEqualTo(key.thumbprint());
    }

    @Test
    void withoutAProofTheTokenIsABearerTokenWithoutConfirmation() throws Exception {
        Map<String, Object> reply = ok(serviceToken("demo-service-opaque", "demo-service-opaque-secret", null));

        assertThat(reply.get("token_type")).isEqualTo("Bearer");
        assertThat(http.introspect((String) reply.get("access_token")).json().has("cnf")).isFalse();
    }

    @Test
    void aProofWithABadSignatureIsRefused() throws Exception {
        Base64URL[] parts = SignedJWT.parse(DPoPKey.es256().proof("POST", tokenEndpoint).serialize()).getParsedParts();
        SignedJWT tampered = new SignedJWT(parts[0], parts[1], DPoPKey.es256().proof("POST", tokenEndpoint)
                .getSignature());

        assertInvalidProof(serviceToken("demo-service", "demo-service-secret", tampered));
    }

    @Test
    void aProofForAnotherMethodOrAnotherUriIsRefused() throws Exception {
        DPoPKey key = DPoPKey.es256();

        assertInvalidProof(serviceToken("demo-service", "demo-service-secret", key.proof("GET", tokenEndpoint)));
        assertInvalidProof(serviceToken("demo-service", "demo-service-secret",
                key.proof("POST", URI.create(http.baseUrl() + "/oauth2/introspect"))));
    }

    @Test
    void aStaleOrFutureProofIsRefused() throws Exception {
        DPoPKey key = DPoPKey.es256();
        Instant now = Instant.now();

        assertInvalidProof(serviceToken("demo-service", "demo-service-secret",
                key.proof(UUID.randomUUID().toString(), "POST", tokenEndpoint, Date.from(now.minusSeconds(120)))));
        assertInvalidProof(serviceToken("demo-service", "demo-service-secret",
                key.proof(UUID.randomUUID().toString(), "POST", tokenEndpoint, Date.from(now.plusSeconds(120)))));
    }

    @Test
    void aProofIsUsedOnceEvenWhenSentInParallel() throws Exception {
        SignedJWT proof = DPoPKey.es256().proof("POST", tokenEndpoint);

        List<HTTPResponse> replies = Concurrently.times(8,
                () -> serviceToken("demo-service", "demo-service-secret", proof));

        assertThat(replies).filteredOn(reply -> reply.getStatusCode() == 200).hasSize(1);
        assertThat(replies).filteredOn(reply -> reply.getStatusCode() != 200)
                .allSatisfy(DPoPTokenEndpointTest::assertInvalidProof);
        assertInvalidProof(serviceToken("demo-service", "demo-service-secret", proof));
    }

    /** Another instance sharing the database has seen the proof: its row is there, this instance's memory is not. */
    @Test
    void aProofAnotherInstanceAcceptedIsRefused() throws Exception {
        DPoPKey key = DPoPKey.es256();
        String jti = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO used_dpop_proof (jkt, jti_digest, expires_at) VALUES (?, ?, ?)")
                .params(key.thumbprint(), new SecretDigest().encode(jti),
                        java.sql.Timestamp.from(Instant.now().plusSeconds(300)))
                .update();

        assertInvalidProof(serviceToken("demo-service", "demo-service-secret",
                key.proof(jti, "POST", tokenEndpoint, new Date())));
    }

    @Test
    void aPublicClientsRefreshTokenIsBoundToTheKeyOfItsAccessToken() throws Exception {
        DPoPKey key = DPoPKey.es256();
        Map<String, Object> first = ok(publicClientTokens(key));
        assertThat(first.get("token_type")).isEqualTo("DPoP");
        RefreshToken refreshToken = new RefreshToken((String) first.get("refresh_token"));

        HTTPResponse withoutProof = publicClientRequest(new RefreshTokenGrant(refreshToken), null);
        assertThat(withoutProof.getStatusCode()).isEqualTo(400);
        assertThat(withoutProof.getBodyAsJSONObject().get("error")).isEqualTo("invalid_grant");

        assertInvalidProof(publicClientRequest(new RefreshTokenGrant(refreshToken),
                DPoPKey.es256().proof("POST", tokenEndpoint)));

        Map<String, Object> refreshed = ok(publicClientRequest(new RefreshTokenGrant(refreshToken),
                key.proof("POST", tokenEndpoint)));
        assertThat(refreshed.get("token_type")).isEqualTo("DPoP");
        var claims = SignedTokens.verified((String) refreshed.get("access_token"), http).getJWTClaimsSet();
        assertThat(claims.getJSONObjectClaim("cnf")).containsExactly(Map.entry("jkt", key.thumbprint()));
    }

    @Test
    void aBoundTokenIsExchangedOnlyWithAProofOfItsKeySoAGatewayCannotUnbindIt() throws Exception {
        DPoPKey key = DPoPKey.es256();
        String alice = (String) ok(publicClientTokens(key)).get("access_token");
        TokenExchangeGrant grant = new TokenExchangeGrant(new TypelessToken(alice), TokenTypeURI.ACCESS_TOKEN);

        HTTPResponse withoutProof = gatewayRequest(grant, null);
        assertThat(withoutProof.getStatusCode()).as(withoutProof.getBody()).isEqualTo(400);
        assertThat(withoutProof.getBodyAsJSONObject().get("error")).isEqualTo("invalid_grant");
        HTTPResponse otherKey = gatewayRequest(grant, DPoPKey.es256().proof("POST", tokenEndpoint));
        assertThat(otherKey.getStatusCode()).as(otherKey.getBody()).isEqualTo(400);
        assertThat(otherKey.getBodyAsJSONObject().get("error")).isEqualTo("invalid_grant");

        Map<String, Object> exchanged = ok(gatewayRequest(grant, key.proof("POST", tokenEndpoint)));
        assertThat(exchanged.get("token_type")).isEqualTo("DPoP");
        assertThat(SignedTokens.verified((String) exchanged.get("access_token"), http).getJWTClaimsSet()
                .getJSONObjectClaim("cnf")).containsExactly(Map.entry("jkt", key.thumbprint()));
    }

    @Test
    void aProofWithTheServersNonceIsAcceptedAndEveryAnswerCarriesTheNextNonce() throws Exception {
        DPoPKey key = DPoPKey.es256();
        HTTPResponse first = serviceToken("demo-service", "demo-service-secret", key.proof("POST", tokenEndpoint));
        String nonce = first.getHeaderValue("DPoP-Nonce");
        assertThat(nonce).isNotBlank();

        HTTPResponse withNonce = serviceToken("demo-service", "demo-service-secret",
                key.proofs().createDPoPJWT("POST", tokenEndpoint, new Nonce(nonce)));

        assertThat(ok(withNonce).get("token_type")).isEqualTo("DPoP");
        assertThat(withNonce.getHeaderValue("DPoP-Nonce")).isEqualTo(nonce);
        assertThat(serviceToken("demo-service", "demo-service-secret", null).getHeaderValue("DPoP-Nonce"))
                .as("no proof, no nonce").isNull();
    }

    @Test
    void aProofWithANonceTheServerDidNotGiveIsAskedToUseTheServersNonce() throws Exception {
        DPoPKey key = DPoPKey.es256();

        HTTPResponse made = serviceToken("demo-service", "demo-service-secret",
                key.proofs().createDPoPJWT("POST", tokenEndpoint, new Nonce("made-up")));

        assertThat(made.getStatusCode()).as(made.getBody()).isEqualTo(400);
        assertThat(made.getBodyAsJSONObject().get("error")).isEqualTo("use_dpop_nonce");
        String nonce = made.getHeaderValue("DPoP-Nonce");
        assertThat(nonce).isNotBlank();
        assertThat(ok(serviceToken("demo-service", "demo-service-secret",
                key.proofs().createDPoPJWT("POST", tokenEndpoint, new Nonce(nonce)))).get("token_type"))
                .isEqualTo("DPoP");
    }

    @Test
    void aNonceIsGoodForItsPeriodAndTheNextOnly() throws Exception {
        DPoPKey key = DPoPKey.es256();
        String nonce = serviceToken("demo-service", "demo-service-secret", key.proof("POST", tokenEndpoint))
                .getHeaderValue("DPoP-Nonce");

        clock.advance(Duration.ofMinutes(5));
        assertThat(ok(serviceToken("demo-service", "demo-service-secret",
                key.proofs().createDPoPJWT("POST", tokenEndpoint, new Nonce(nonce)))).get("token_type"))
                .isEqualTo("DPoP");

        clock.advance(Duration.ofMinutes(5));
        HTTPResponse stale = serviceToken("demo-service", "demo-service-secret",
                key.proofs().createDPoPJWT("POST", tokenEndpoint, new Nonce(nonce)));
        assertThat(stale.getBodyAsJSONObject().get("error")).isEqualTo("use_dpop_nonce");
        assertThat(stale.getHeaderValue("DPoP-Nonce")).isNotEqualTo(nonce);
    }

    /** RFC 9449 §5.2: a client registered with {@code dpop_bound_access_tokens} gets no token without a proof. */
    @Test
    void aClientRegisteredForBoundTokensOnlyGetsNoTokenWithoutAProof() throws Exception {
        Reply registration = http.postJson("/oauth2/register", registrarToken(), """
                {"client_name": "Bound only", "grant_types": ["client_credentials"], "scope": "books.read",
                 "dpop_bound_access_tokens": true}
                """);
        Reply notABoolean = http.postJson("/oauth2/register", registrarToken(), """
                {"client_name": "Bound maybe", "grant_types": ["client_credentials"], "scope": "books.read",
                 "dpop_bound_access_tokens": "yes"}
                """);
        assertThat(registration.status()).as(registration.toString()).isEqualTo(201);
        assertThat(registration.json().get("dpop_bound_access_tokens").asBoolean()).isTrue();
        assertThat(notABoolean.status()).isEqualTo(400);
        assertThat(notABoolean.field("error")).isEqualTo("invalid_client_metadata");
        String clientId = registration.field("client_id");
        String secret = registration.field("client_secret");

        HTTPResponse withoutProof = serviceToken(clientId, secret, null);
        Map<String, Object> withProof = ok(serviceToken(clientId, secret, DPoPKey.es256().proof("POST", tokenEndpoint)));

        assertThat(withoutProof.getStatusCode()).as(withoutProof.getBody()).isEqualTo(400);
        assertThat(withoutProof.getBodyAsJSONObject().get("error")).isEqualTo("invalid_request");
        assertThat(withProof.get("token_type")).isEqualTo("DPoP");
    }

    @Test
    void bothDiscoveryDocumentsAdvertiseTheProofAlgorithms() {
        for (String document : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
            Reply metadata = http.get(document);
            assertThat(metadata.json().get("dpop_signing_alg_values_supported").values())
                    .extracting(value -> value.asString()).as(document).contains("ES256", "RS256");
        }
    }

    /** An initial access token for one registration: each is used once. */
    private String registrarToken() {
        return http.clientCredentials("demo-registrar", "demo-registrar-secret", null).field("access_token");
    }

    private HTTPResponse publicClientTokens(DPoPKey key) throws Exception {
        Code code;
        try (Browser browser = new Browser(http.baseUrl())) {
            code = new Grants(http).authorize(browser, Client.DEMO_CLI, "alice", "alice-password",
                    "openid books.read");
        }
        return publicClientRequest(new AuthorizationCodeGrant(new AuthorizationCode(code.value()),
                URI.create(Client.DEMO_CLI.redirectUri()), new CodeVerifier(code.pkce().verifier())),
                key.proof("POST", tokenEndpoint));
    }

    private HTTPResponse publicClientRequest(AuthorizationGrant grant, SignedJWT proof) throws Exception {
        return send(new TokenRequest(tokenEndpoint, new ClientID(Client.DEMO_CLI.id()), grant).toHTTPRequest(),
                proof);
    }

    private HTTPResponse gatewayRequest(AuthorizationGrant grant, SignedJWT proof) throws Exception {
        return send(new TokenRequest(tokenEndpoint, new ClientSecretBasic(new ClientID("demo-gateway"),
                new Secret("demo-gateway-secret")), grant).toHTTPRequest(), proof);
    }

    private HTTPResponse serviceToken(String clientId, String secret, SignedJWT proof) throws Exception {
        return send(new TokenRequest(tokenEndpoint, new ClientSecretBasic(new ClientID(clientId), new Secret(secret)),
                new ClientCredentialsGrant()).toHTTPRequest(), proof);
    }

    private static HTTPResponse send(HTTPRequest request, SignedJWT proof) throws Exception {
        if (proof != null) {
            request.setDPoP(proof);
        }
        return request.send();
    }

    private static Map<String, Object> ok(HTTPResponse response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return response.getBodyAsJSONObject();
    }

    private static void assertInvalidProof(HTTPResponse response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        try {
            assertThat(response.getBodyAsJSONObject().get("error")).isEqualTo("invalid_dpop_proof");
        }
        catch (com.nimbusds.oauth2.sdk.ParseException notJson) {
            throw new AssertionError(response.getBody(), notJson);
        }
    }
}
