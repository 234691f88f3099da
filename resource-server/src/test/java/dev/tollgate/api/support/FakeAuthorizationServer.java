package dev.tollgate.api.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.jsonResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import tools.jackson.databind.json.JsonMapper;

import dev.tollgate.testsupport.FreePorts;

/**
 * Stands in for Tollgate's auth server, on WireMock: serves the public half of its signing keys at
 * {@code /oauth2/jwks} and answers introspection (RFC 7662) for the opaque tokens it was told about, to the
 * {@value #INTROSPECTION_CLIENT} client only, on a port chosen up front so a resource server can be pointed at it
 * before it answers.
 */
public final class FakeAuthorizationServer {

    public static final String INTROSPECTION_CLIENT = "resource-server";
    public static final String INTROSPECTION_SECRET = "resource-server-secret";

    private static final String JWKS = "/oauth2/jwks";
    private static final String INTROSPECT = "/oauth2/introspect";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port = FreePorts.next();
    private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").port(port));
    private final List<RSAKey> signingKeys = new CopyOnWriteArrayList<>();
    private final UUID jwksStub = UUID.randomUUID();

    public FakeAuthorizationServer() {
        signingKeys.add(newRsaKey());
        server.stubFor(jwks());
        // the stubs with the lower numbers win: a token it was told about (issueOpaqueToken), then any other token
        // asked about by the right client, then anyone else
        server.stubFor(introspection().atPriority(5).willReturn(okJson("{\"active\":false}")));
        server.stubFor(post(INTROSPECT).atPriority(10).willReturn(jsonResponse("{\"error\":\"invalid_client\"}", 401)));
    }

    public String issuer() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized FakeAuthorizationServer start() {
        if (!server.isRunning()) {
            server.start();
        }
        return this;
    }

    public synchronized void stop() {
        server.stop();
    }

    /** The key new tokens are signed with: the most recently added. */
    public RSAKey currentKey() {
        return signingKeys.get(signingKeys.size() - 1);
    }

    /** Publishes a new key (with a new kid) next to the old ones, as a key rotation does. */
    public RSAKey rotateKey() {
        RSAKey key = newRsaKey();
        signingKeys.add(key);
        server.editStub(jwks());
        return key;
    }

    /**
     * Issues an opaque token whose introspection answer is {@code active: true} plus these claims; shaped as
     * Tollgate's are ({@link #randomOpaqueToken()}).
     */
    public String issueOpaqueToken(Map<String, Object> claims) {
        String token = randomOpaqueToken();
        Map<String, Object> answer = new LinkedHashMap<>(claims);
        answer.put("active", true);
        answer.putIfAbsent("iss", issuer());
        answer.putIfAbsent("exp", Instant.now().plusSeconds(300).getEpochSecond());
        answer.putIfAbsent("iat", Instant.now().getEpochSecond());
        answer.putIfAbsent("token_type", "Bearer");
        server.stubFor(introspection().atPriority(1).withFormParam("token", equalTo(token))
                .willReturn(okJson(JSON.writeValueAsString(answer))));
        return token;
    }

    public int jwksRequests() {
        return requests(getRequestedFor(urlPathEqualTo(JWKS)));
    }

    /** Introspection requests answered so far, whatever their outcome. */
    public int introspectionRequests() {
        return requests(postRequestedFor(urlPathEqualTo(INTROSPECT)));
    }

    /** A string of the shape Tollgate gives its opaque access tokens: 96 random bytes, base64url, no padding. */
    public static String randomOpaqueToken() {
        byte[] random = new byte[96];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    public static RSAKey newRsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key set as it is now; the same stub id, so that a rotation replaces the answer. */
    private MappingBuilder jwks() {
        List<JWK> publicKeys = signingKeys.stream().map(key -> (JWK) key.toPublicJWK()).toList();
        return get(JWKS).withId(jwksStub).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/jwk-set+json")
                .withBody(new JWKSet(publicKeys).toString()));
    }

    private static MappingBuilder introspection() {
        return post(INTROSPECT).withBasicAuth(INTROSPECTION_CLIENT, INTROSPECTION_SECRET);
    }

    private int requests(RequestPatternBuilder pattern) {
        return server.countRequestsMatching(pattern.build()).getCount();
    }
}
