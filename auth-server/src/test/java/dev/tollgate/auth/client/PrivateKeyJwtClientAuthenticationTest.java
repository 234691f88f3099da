package dev.tollgate.auth.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

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
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;

/**
 * A confidential client without any secret: it proves who it is with a JWT signed by its own key (RFC 7523,
 * OIDC {@code private_key_jwt}), whose public half Tollgate fetches from the client's JWKS URL.
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
    void discoveryAdvertisesPrivateKeyJwt() {
        assertThat(http.get("/.well-known/oauth-authorization-server").json()
                .get("token_endpoint_auth_methods_supported").toString()).contains("private_key_jwt");
    }

    private Reply tokenRequest(String assertion) {
        return http.post("/oauth2/token", Map.of("grant_type", "client_credentials", "client_id", CLIENT_ID,
                "client_assertion_type", ASSERTION_TYPE, "client_assertion", assertion));
    }

    private static String assertion(RSAKey key, String audience, Instant expiry) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder()
                        .issuer(CLIENT_ID)
                        .subject(CLIENT_ID)
                        .audience(audience)
                        .jwtID(UUID.randomUUID().toString())
                        .issueTime(Date.from(expiry.minusSeconds(120)))
                        .expirationTime(Date.from(expiry))
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
