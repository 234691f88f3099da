package dev.tollgate.auth.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;

/**
 * A confidential client without any secret: it proves who it is with a JWT signed by its own key (RFC 7523,
 * OIDC {@code private_key_jwt}), whose public half Tollgate fetches from the client's JWKS URL. An assertion is
 * short-lived and single use: a copy seen on the way cannot authenticate again, in parallel or later.
 */
@AuthServerTest
class PrivateKeyJwtClientAuthenticationTest extends HttpTest {

    private static final String CLIENT_ID = "batch-job";
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    static HttpServer clientJwks;
    static RSAKey clientKey;

    @Autowired
    RegisteredClientRepository clients;

    @BeforeAll
    static void publishTheClientsKey() throws Exception {
        clientKey = new RSAKeyGenerator(2048).keyID("batch-job-1").generate();
        byte[] jwks = new JWKSet(clientKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        clientJwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        clientJwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        clientJwks.start();
    }

    @AfterAll
    static void stop() {
        clientJwks.stop(0);
    }

    @BeforeEach
    void register() {
        if (clients.findByClientId(CLIENT_ID) == null) {
            clients.save(RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(CLIENT_ID)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scope("books.read")
                    .clientSettings(ClientSettings.builder()
                            .jwkSetUrl("http://127.0.0.1:" + clientJwks.getAddress().getPort() + "/jwks")
                            .tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS256)
                            .build())
                    .build());
        }
    }

    @Test
    void aClientSigningItsAssertionWithItsOwnKeyGetsAToken() throws Exception {
        Reply token = tokenRequest(assertion(clientKey, AuthServerTest.ISSUER, Instant.now().plusSeconds(60)));
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        assertThat(token.field("scope")).isEqualTo("books.read");
    }

    @Test
    void anAssertionSignedWithAnotherKeyIsAnInvalidClient() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("batch-job-1").generate();
        Reply token = tokenRequest(assertion(stranger, AuthServerTest.ISSUER, Instant.now().plusSeconds(60)));
        assertThat(token.status()).isEqualTo(401);
        assertThat(token.field("error")).isEqualTo("invalid_client");
    }

    @Test
    void anExpiredAssertionOrOneForAnotherServerIsAnInvalidClient() throws Exception {
        Reply expired = tokenRequest(assertion(clientKey, AuthServerTest.ISSUER, Instant.now().minusSeconds(300)));
        assertThat(expired.status()).isEqualTo(401);
        Reply elsewhere = tokenRequest(assertion(clientKey, "https://other.example", Instant.now().plusSeconds(60)));
        assertThat(elsewhere.status()).isEqualTo(401);
    }

    @Test
    void anAssertionIsSingleUseSoAReplayedOneIsAnInvalidClient() throws Exception {
        String assertion = assertion(clientKey, AuthServerTest.ISSUER, Instant.now().plusSeconds(60));
        assertThat(tokenRequest(assertion).status()).isEqualTo(200);

        Reply replayed = tokenRequest(assertion);

        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(401);
        assertThat(replayed.field("error")).isEqualTo("invalid_client");
    }

    @Test
    void aNewAssertionWithAnAlreadyUsedJtiIsAnInvalidClient() throws Exception {
        String jti = UUID.randomUUID().toString();
        Instant expiry = Instant.now().plusSeconds(60);
        assertThat(tokenRequest(assertion(clientKey, claims -> claims.jwtID(jti).expirationTime(Date.from(expiry))))
                .status()).isEqualTo(200);

        Reply reused = tokenRequest(assertion(clientKey, claims -> claims.jwtID(jti)
                .expirationTime(Date.from(expiry.plusSeconds(1)))));

        assertThat(reused.status()).as(reused.toString()).isEqualTo(401);
        assertThat(reused.field("error")).isEqualTo("invalid_client");
    }

    @RepeatedTest(3)
    void anAssertionSentInParallelRequestsAuthenticatesOnce() throws Exception {
        String assertion = assertion(clientKey, AuthServerTest.ISSUER, Instant.now().plusSeconds(60));

        List<Reply> replies = Concurrently.times(8, () -> tokenRequest(assertion));

        assertThat(replies).filteredOn(reply -> reply.status() == 200).as(replies.toString()).hasSize(1);
        assertThat(replies).filteredOn(reply -> reply.status() != 200).allSatisfy(refused -> {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.field("error")).isEqualTo("invalid_client");
        });
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("LONG_LIVED")
    void aLongLivedAssertionIsAnInvalidClient(String what, UnaryOperator<JWTClaimsSet.Builder> lifetime)
            throws Exception {
        Reply token = tokenRequest(assertion(clientKey, lifetime));

        assertThat(token.status()).as(token.toString()).isEqualTo(401);
        assertThat(token.field("error")).isEqualTo("invalid_client");
    }

    static final List<Arguments> LONG_LIVED = List.of(
            Arguments.of("issued now, valid for an hour", (UnaryOperator<JWTClaimsSet.Builder>) claims -> claims
                    .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(3600)))),
            Arguments.of("no iat, expires in an hour", (UnaryOperator<JWTClaimsSet.Builder>) claims -> claims
                    .issueTime(null).expirationTime(Date.from(Instant.now().plusSeconds(3600)))));

    @Test
    void anAssertionWithoutJtiIsAnInvalidClient() throws Exception {
        Reply token = tokenRequest(assertion(clientKey, claims -> claims.jwtID(null)));

        assertThat(token.status()).as(token.toString()).isEqualTo(401);
        assertThat(token.field("error")).isEqualTo("invalid_client");
    }

    @Test
    void discoveryAdvertisesPrivateKeyJwt() {
        assertThat(http.get("/.well-known/oauth-authorization-server").json()
                .get("token_endpoint_auth_methods_supported").toString()).contains("private_key_jwt");
    }

    private Reply tokenRequest(String assertion) {
        return http.post("/oauth2/token", Map.of("grant_type", "client_credentials", "client_id", CLIENT_ID,
                "client_assertion_type", ASSERTION_TYPE, "client_assertion", assertion));
    }

    private static String assertion(RSAKey key, String audience, Instant expiry) throws JOSEException {
        return assertion(key, claims -> claims.audience(audience)
                .issueTime(Date.from(expiry.minusSeconds(120)))
                .expirationTime(Date.from(expiry)));
    }

    /** A valid assertion for this server, one minute long, as {@code changes} alter it. */
    private static String assertion(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> changes) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(CLIENT_ID)
                .subject(CLIENT_ID)
                .audience(AuthServerTest.ISSUER)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(60)));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                changes.apply(claims).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
