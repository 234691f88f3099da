package dev.tollgate.api.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.jsonResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.tollgate.testsupport.FreePorts;

/**
 * Stands in for Tollgate's auth server, on WireMock: serves the public half of its signing keys at
 * {@code /oauth2/jwks} and answers introspection (RFC 7662) for the opaque tokens it was told about, to the
 * {@value #INTROSPECTION_CLIENT} client only, on a port chosen up front so a resource server can be pointed at it
 * before it answers. It also plays the Shared Signals transmitter's side that a receiver calls (metadata, a
 * client_credentials token for {@value #SIGNALS_CLIENT}, stream management, verification and polling); the SETs
 * themselves a test pushes to the API ({@link SecurityEvents}).
 */
public final class FakeAuthorizationServer {

    public static final String INTROSPECTION_CLIENT = "resource-server";
    public static final String INTROSPECTION_SECRET = "resource-server-secret";

    public static final String SIGNALS_CLIENT = "resource-server-signals";
    public static final String SIGNALS_SECRET = "resource-server-signals-secret";
    public static final String STREAM_ID = "stream-of-this-api";

    private static final String JWKS = "/oauth2/jwks";
    private static final String SSF_CONFIGURATION = "/.well-known/ssf-configuration";
    private static final String TOKEN = "/oauth2/token";
    private static final String STREAMS = "/ssf/streams";
    private static final String VERIFY = "/ssf/verify";
    private static final String POLL = "/ssf/poll/" + STREAM_ID;
    private static final String POLL_SCENARIO = "poll";
    private static final String INTROSPECT = "/oauth2/introspect";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port = FreePorts.next();
    private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").port(port));
    private final List<RSAKey> signingKeys = new CopyOnWriteArrayList<>();
    private final UUID jwksStub = UUID.randomUUID();
    private final UUID ssfConfigurationStub = UUID.randomUUID();
    private final UUID streamsStub = UUID.randomUUID();
    private final UUID verifyStub = UUID.randomUUID();

    public FakeAuthorizationServer() {
        signingKeys.add(newRsaKey());
        server.stubFor(jwks());
        // the stubs with the lower numbers win: a token it was told about (issueOpaqueToken), then any other token
        // asked about by the right client, then anyone else
        server.stubFor(introspection().atPriority(5).willReturn(okJson("{\"active\":false}")));
        server.stubFor(post(INTROSPECT).atPriority(10).willReturn(jsonResponse("{\"error\":\"invalid_client\"}", 401)));
        stubTransmitter();
    }

    private void stubTransmitter() {
        server.stubFor(ssfConfiguration(okJson(ssfConfiguration())));
        server.stubFor(post(TOKEN).withBasicAuth(SIGNALS_CLIENT, SIGNALS_SECRET)
                .withFormParam("grant_type", equalTo("client_credentials"))
                .withFormParam("scope", equalTo("ssf.manage"))
                .willReturn(okJson("{\"access_token\":\"" + SIGNALS_ACCESS_TOKEN
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"scope\":\"ssf.manage\"}")));
        server.stubFor(streams("[]"));
        server.stubFor(post(STREAMS).withHeader("Authorization", equalTo("Bearer " + SIGNALS_ACCESS_TOKEN))
                .willReturn(jsonResponse(stream(), 201)));
        server.stubFor(patch(urlPathEqualTo(STREAMS)).withHeader("Authorization", equalTo("Bearer " + SIGNALS_ACCESS_TOKEN))
                .willReturn(okJson(stream())));
        server.stubFor(verify(aResponse().withStatus(204)));
        server.stubFor(post(POLL).withHeader("Authorization", equalTo("Bearer " + SIGNALS_ACCESS_TOKEN))
                .willReturn(okJson(NOTHING_TO_POLL)));
    }

    private static final String SIGNALS_ACCESS_TOKEN = "signals-access-token";
    private static final String NOTHING_TO_POLL = "{\"sets\":{},\"moreAvailable\":false}";

    private String ssfConfiguration() {
        return JSON.writeValueAsString(Map.of("spec_version", "1_0", "issuer", issuer(),
                "jwks_uri", issuer() + JWKS,
                "delivery_methods_supported", List.of("urn:ietf:rfc:8935", "urn:ietf:rfc:8936"),
                "configuration_endpoint", issuer() + STREAMS,
                "status_endpoint", issuer() + "/ssf/status",
                "verification_endpoint", issuer() + VERIFY,
                "authorization_schemes", List.of(Map.of("spec_urn", "urn:ietf:rfc:6749")),
                "default_subjects", "ALL"));
    }

    private static String stream() {
        return "{\"stream_id\":\"" + STREAM_ID + "\",\"aud\":\"" + SIGNALS_CLIENT + "\"}";
    }

    private MappingBuilder ssfConfiguration(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        return get(SSF_CONFIGURATION).withId(ssfConfigurationStub).willReturn(answer);
    }

    private MappingBuilder streams(String json) {
        return get(urlPathEqualTo(STREAMS)).withId(streamsStub)
                .withHeader("Authorization", equalTo("Bearer " + SIGNALS_ACCESS_TOKEN)).willReturn(okJson(json));
    }

    /** The transmitter's metadata answers 503 (true) or again as usual (false), as when its database is down. */
    public void transmitterUnavailable(boolean unavailable) {
        server.editStub(ssfConfiguration(unavailable ? aResponse().withStatus(503) : okJson(ssfConfiguration())));
    }

    private MappingBuilder verify(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        return post(VERIFY).withId(verifyStub).withHeader("Authorization", equalTo("Bearer " + SIGNALS_ACCESS_TOKEN))
                .willReturn(answer);
    }

    /** Verification requests answer 404 (true), as for a stream an administrator deleted, or 204 again (false). */
    public void streamDeleted(boolean deleted) {
        server.editStub(verify(deleted
                ? jsonResponse("{\"error\":\"not_found\",\"error_description\":\"no such stream\"}", 404)
                : aResponse().withStatus(204)));
    }

    /** The streams the receiver's client already has ({@code GET /ssf/streams}), as a JSON array. */
    public void existingStreams(String jsonArray) {
        server.editStub(streams(jsonArray));
    }

    /**
     * The next poll returns these SETs (jti → SET) and the one after it an empty queue, as a transmitter whose
     * queue holds just these does.
     */
    public void queueForPolling(Map<String, String> sets) {
        server.resetScenarios();
        server.stubFor(post(POLL).atPriority(1).inScenario(POLL_SCENARIO).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(JSON.writeValueAsString(Map.of("sets", sets, "moreAvailable", false))))
                .willSetStateTo("drained"));
        server.stubFor(post(POLL).atPriority(1).inScenario(POLL_SCENARIO).whenScenarioStateIs("drained")
                .willReturn(okJson(NOTHING_TO_POLL)));
    }

    /** Bodies of the requests to {@code path} so far, oldest first, as JSON. */
    public List<JsonNode> requestBodies(String method, String path) {
        return server.findAll(new RequestPatternBuilder(RequestMethod.fromString(method), urlPathEqualTo(path))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(request -> JSON.readTree(request.getBodyAsString()))
                .toList();
    }

    public List<JsonNode> streamRequests(String method) {
        return requestBodies(method, STREAMS);
    }

    public List<JsonNode> verificationRequests() {
        return requestBodies("POST", VERIFY);
    }

    public List<JsonNode> pollRequests() {
        return requestBodies("POST", POLL);
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
     * Publishes a new key next to the others without signing access tokens with it, as a rotation that has begun
     * does; so that the API's own key set, shared by the tests, need not be fetched again for it.
     */
    public RSAKey publishKey() {
        RSAKey key = newRsaKey();
        signingKeys.add(0, key);
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
