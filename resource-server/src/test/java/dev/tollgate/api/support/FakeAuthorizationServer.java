package dev.tollgate.api.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for Tollgate's auth server: serves the public half of its signing keys at
 * {@code /oauth2/jwks} and answers introspection (RFC 7662) for the opaque tokens it was told about, on a
 * port chosen up front so a resource server can be pointed at it before it answers.
 */
public final class FakeAuthorizationServer {

    public static final String INTROSPECTION_CLIENT = "resource-server";
    public static final String INTROSPECTION_SECRET = "resource-server-secret";

    private final int port;
    private final List<RSAKey> signingKeys = new CopyOnWriteArrayList<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicInteger introspectionRequests = new AtomicInteger();
    private final Map<String, Map<String, Object>> opaqueTokens = new ConcurrentHashMap<>();
    private HttpServer server;

    public FakeAuthorizationServer() {
        this.port = freePort();
        this.signingKeys.add(newRsaKey());
    }

    public String issuer() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized FakeAuthorizationServer start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/oauth2/jwks", this::serveJwks);
            server.createContext("/oauth2/introspect", this::introspect);
            server.start();
        }
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** The key new tokens are signed with: the most recently added. */
    public RSAKey currentKey() {
        return signingKeys.get(signingKeys.size() - 1);
    }

    /** Publishes a new key (with a new kid) next to the old ones, as a key rotation does. */
    public RSAKey rotateKey() {
        RSAKey key = newRsaKey();
        signingKeys.add(key);
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
        opaqueTokens.put(token, answer);
        return token;
    }

    public int jwksRequests() {
        return jwksRequests.get();
    }

    /** Introspection requests answered so far, whatever their outcome. */
    public int introspectionRequests() {
        return introspectionRequests.get();
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

    private void serveJwks(HttpExchange exchange) throws IOException {
        jwksRequests.incrementAndGet();
        List<JWK> publicKeys = signingKeys.stream().map(key -> (JWK) key.toPublicJWK()).toList();
        byte[] body = new JWKSet(publicKeys).toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Only the resource-server client may introspect; unknown tokens are inactive. */
    private void introspect(HttpExchange exchange) throws IOException {
        introspectionRequests.incrementAndGet();
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (INTROSPECTION_CLIENT + ":" + INTROSPECTION_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String token = Arrays.stream(form.split("&")).filter(pair -> pair.startsWith("token="))
                .map(pair -> URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8)).findFirst().orElse("");
        Map<String, Object> answer = opaqueTokens.getOrDefault(token, Map.of("active", false));
        respond(exchange, 200, JsonMapper.builder().build().writeValueAsString(answer));
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
