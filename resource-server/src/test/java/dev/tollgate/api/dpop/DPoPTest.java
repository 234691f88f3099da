package dev.tollgate.api.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.api.support.AccessTokens;
import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.api.support.ApiTest;

/** README, "DPoP": the API takes a DPoP-bound token only with a proof of its key (RFC 9449 §7). */
class DPoPTest extends ApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    JWK key;

    DefaultDPoPProofFactory proofs;

    URI books;

    @BeforeEach
    void newKey() throws JOSEException {
        key = new ECKeyGenerator(Curve.P_256).generate();
        proofs = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
        books = URI.create("http://localhost:" + port + "/api/books");
    }

    @Test
    void aBoundJwtWithAProofOfItsKeyReadsBooks() throws Exception {
        String token = boundJwt(key);

        assertThat(withDPoP(token, proofs.createDPoPJWT("GET", books, new DPoPAccessToken(token))).status())
                .isEqualTo(200);
    }

    @Test
    void aBoundOpaqueTokenWithAProofOfItsKeyReadsBooks() throws Exception {
        String token = AUTH_SERVER.issueOpaqueToken(Map.of("sub", "demo-service-opaque",
                "client_id", "demo-service-opaque", "scope", "books.read", "aud", List.of(AccessTokens.AUDIENCE),
                "token_type", "DPoP", "cnf", Map.of("jkt", key.computeThumbprint().toString())));

        assertThat(withDPoP(token, proofs.createDPoPJWT("GET", books, new DPoPAccessToken(token))).status())
                .isEqualTo(200);
        ApiResponse asBearer = api.get("/api/books", token);
        assertThat(asBearer.status()).as("sent as a bearer token: " + asBearer.headers()).isEqualTo(401);
        assertThat(asBearer.header(HttpHeaders.WWW_AUTHENTICATE)).startsWith("DPoP ");
    }

    @Test
    void aBoundTokenSentAsABearerTokenIsRefused() throws Exception {
        ApiResponse response = api.get("/api/books", boundJwt(key));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header(HttpHeaders.WWW_AUTHENTICATE)).startsWith("DPoP ")
                .contains("error=\"invalid_token\"");
    }

    @Test
    void anUnboundBearerTokenStillReadsBooks() {
        assertThat(api.get("/api/books", TOKENS.client("demo-service", "books.read").sign()).status()).isEqualTo(200);
    }

    @Test
    void withoutAProofTheBoundTokenIsRefused() {
        ApiResponse response = api.exchange(HttpMethod.GET, "/api/books",
                headers -> headers.set(HttpHeaders.AUTHORIZATION, "DPoP " + boundJwt(key)), null,
                MediaType.APPLICATION_JSON);

        assertRefused(response, "invalid_request");
    }

    @Test
    void aProofOfAnotherKeyIsRefused() throws Exception {
        String token = boundJwt(key);
        JWK other = new RSAKeyGenerator(2048).generate();

        assertRefused(withDPoP(token, new DefaultDPoPProofFactory(other, JWSAlgorithm.RS256)
                .createDPoPJWT("GET", books, new DPoPAccessToken(token))), "invalid_dpop_proof");
    }

    @Test
    void aProofForAnotherMethodUriTokenOrTimeIsRefused() throws Exception {
        String token = boundJwt(key);
        DPoPAccessToken accessToken = new DPoPAccessToken(token);

        assertRefused(withDPoP(token, proofs.createDPoPJWT("POST", books, accessToken)), "invalid_dpop_proof");
        assertRefused(withDPoP(token, proofs.createDPoPJWT("GET", URI.create(books + "/1"), accessToken)),
                "invalid_dpop_proof");
        assertRefused(withDPoP(token, proofs.createDPoPJWT("GET", books, new DPoPAccessToken(boundJwt(key)))),
                "invalid_dpop_proof");
        assertRefused(withDPoP(token, proofs.createDPoPJWT("GET", books)), "invalid_dpop_proof");
        assertRefused(withDPoP(token, proofs.createDPoPJWT(new JWTID(), "GET", books,
                Date.from(Instant.now().minusSeconds(120)), accessToken)), "invalid_dpop_proof");
    }

    @Test
    void aProofIsUsedOnce() throws Exception {
        String token = boundJwt(key);
        SignedJWT proof = proofs.createDPoPJWT("GET", books, new DPoPAccessToken(token));

        assertThat(withDPoP(token, proof).status()).isEqualTo(200);
        assertRefused(withDPoP(token, proof), "invalid_dpop_proof");
    }

    @Test
    void aProofSentInParallelIsUsedOnce() throws Exception {
        String token = boundJwt(key);
        SignedJWT proof = proofs.createDPoPJWT("GET", books, new DPoPAccessToken(token));
        int callers = 8;
        CyclicBarrier start = new CyclicBarrier(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<ApiResponse>> answers = new ArrayList<>();
            for (int caller = 0; caller < callers; caller++) {
                answers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return withDPoP(token, proof);
                }));
            }
            List<ApiResponse> responses = new ArrayList<>();
            for (Future<ApiResponse> answer : answers) {
                responses.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertThat(responses).filteredOn(response -> response.status() == 200).hasSize(1);
            assertThat(responses).filteredOn(response -> response.status() != 200)
                    .allSatisfy(response -> assertRefused(response, "invalid_dpop_proof"));
        }
        finally {
            pool.shutdownNow();
        }
    }

    /** Another API instance sharing the database has seen the proof: its row is there, this instance's memory not. */
    @Test
    void aProofAnotherInstanceAcceptedIsRefused() throws Exception {
        String token = boundJwt(key);
        String jti = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO used_dpop_proof (jkt, jti_digest, expires_at) VALUES (?, ?, ?)")
                .params(key.computeThumbprint().toString(), UsedProofs.digestOf(jti),
                        Timestamp.from(Instant.now().plusSeconds(300)))
                .update();

        assertRefused(withDPoP(token, proofs.createDPoPJWT(new JWTID(jti), "GET", books, new Date(),
                new DPoPAccessToken(token))), "invalid_dpop_proof");
    }

    private static String boundJwt(JWK key) {
        try {
            return TOKENS.client("demo-service", "books.read")
                    .claim("cnf", Map.of("jkt", key.computeThumbprint().toString())).sign();
        }
        catch (JOSEException unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    private ApiResponse withDPoP(String token, SignedJWT proof) {
        return api.exchange(HttpMethod.GET, "/api/books", headers -> {
            headers.set(HttpHeaders.AUTHORIZATION, "DPoP " + token);
            headers.set("DPoP", proof.serialize());
        }, null, MediaType.APPLICATION_JSON);
    }

    private static void assertRefused(ApiResponse response, String error) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header(HttpHeaders.WWW_AUTHENTICATE)).startsWith("DPoP ")
                .contains("error=\"" + error + "\"");
    }
}
