package dev.tollgate.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Just enough of Tollgate (pushed authorization requests, authorize, token, JWKS, userinfo) and of its books API, in-process, so that the
 * demo app can be driven through a whole sign-in without the real servers. Signing in at the fake is
 * instant: it answers the authorization request for the user set with {@link #signInAs}. Everything it
 * receives is checked the way the real servers would (client secret, PKCE verifier, bearer token).
 * <p>
 * Hand-written on purpose, not a mock server library: it is a small stateful server, which canned stubs
 * (WireMock's, as the resource server's tests use) cannot be. The token endpoint must check the PKCE verifier
 * against the challenge of the authorization request that issued the code, put that request's nonce into an ID
 * token signed with the key it publishes, and rotate refresh tokens; the books API must keep what the app adds.
 * A ready-made OAuth mock server (such as mock-oauth2-server) would cover only the Tollgate half, with its own
 * token contents, and not let the tests look at the requests the app made.
 */
public final class FakeTollgate {

    public static final FakeTollgate INSTANCE = new FakeTollgate();

    public static final String CLIENT_ID = "demo-web";

    private static final String CLIENT_SECRET = "demo-web-secret";

    private static final Map<String, List<String>> ROLES = Map.of("admin", List.of("ADMIN", "USER"),
            "alice", List.of("USER"));

    private final HttpServer server;

    private final RSAKey key;

    private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();

    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();

    private final Map<String, String> accessTokens = new ConcurrentHashMap<>();

    private final List<Map<String, Object>> books = new CopyOnWriteArrayList<>();

    private final AtomicInteger refreshes = new AtomicInteger();

    private volatile String user = "alice";

    private volatile long accessTokenSeconds = 300;

    private volatile String responseIssuer;

    private volatile boolean apiDown;

    private volatile boolean tokenEndpointDown;

    private volatile String lastBearerToken;

    private volatile Map<String, String> lastAuthorizationRequest = Map.of();

    private volatile Map<String, String> lastBrowserQuery = Map.of();

    private final Map<String, Map<String, String>> pushedRequests = new ConcurrentHashMap<>();

    private volatile boolean pushEndpointDown;

    private volatile Map<String, String> lastPushedRequest = Map.of();

    private volatile String lastIdToken;

    private volatile String lastSid;

    private volatile Map<String, String> lastBooksQuery = Map.of();

    private FakeTollgate() {
        try {
            key = new RSAKeyGenerator(2048).keyID("fake-tollgate").generate();
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        }
        catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/oauth2/authorize", this::authorize);
        server.createContext("/oauth2/par", this::push);
        server.createContext("/oauth2/token", this::token);
        server.createContext("/oauth2/jwks", exchange -> json(exchange, 200, new JWKSet(key.toPublicJWK()).toJSONObject()));
        server.createContext("/userinfo", this::userinfo);
        server.createContext("/api/books", this::books);
        server.start();
        reset();
    }

    public String issuer() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    public String apiUrl() {
        return issuer();
    }

    /** Back to a fresh Tollgate with alice signed in, tokens of 300 s, three books, everything up. */
    public void reset() {
        codes.clear();
        refreshTokens.clear();
        accessTokens.clear();
        refreshes.set(0);
        user = "alice";
        accessTokenSeconds = 300;
        responseIssuer = issuer();
        apiDown = false;
        tokenEndpointDown = false;
        lastBearerToken = null;
        lastAuthorizationRequest = Map.of();
        lastBrowserQuery = Map.of();
        pushedRequests.clear();
        pushEndpointDown = false;
        lastPushedRequest = Map.of();
        lastIdToken = null;
        lastBooksQuery = Map.of();
        books.clear();
        books.add(book("Dune", "Frank Herbert", "9780441013593", 1965));
        books.add(book("The Left Hand of Darkness", "Ursula K. Le Guin", "9780441478125", 1969));
        books.add(book("Neuromancer", "William Gibson", "9780441569595", 1984));
    }

    public void signInAs(String username) {
        this.user = username;
    }

    public void accessTokensLive(long seconds) {
        this.accessTokenSeconds = seconds;
    }

    /** The {@code iss} the next authorization responses carry (RFC 9207). */
    public void answerAuthorizationAs(String issuer) {
        this.responseIssuer = issuer;
    }

    public void revokeRefreshTokens() {
        refreshTokens.clear();
    }

    public void apiDown() {
        this.apiDown = true;
    }

    public void pushEndpointDown() {
        this.pushEndpointDown = true;
    }

    public void tokenEndpointDown() {
        this.tokenEndpointDown = true;
    }

    public int refreshes() {
        return refreshes.get();
    }

    public String lastBearerToken() {
        return lastBearerToken;
    }

    public boolean isAccessToken(String token) {
        return accessTokens.containsKey(token);
    }

    public Map<String, String> lastBooksQuery() {
        return lastBooksQuery;
    }

    public String lastIdToken() {
        return lastIdToken;
    }

    /** The authorization request the last sign-in made, as pushed. */
    /** The {@code sid} of the last sign-in's ID token. */
    public String lastSid() {
        return lastSid;
    }

    /** A logout token (OIDC Back-Channel Logout 1.0 §2.4) for the user's session {@code sid}, signed with the real key. */
    public String logoutToken(String username, String sid) {
        return sign(key, logoutClaims(username, sid));
    }

    /** The same logout token signed with another key under the real key's id: what an attacker can make. */
    public String forgedLogoutToken(String username, String sid) {
        try {
            return sign(new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate(), logoutClaims(username, sid));
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private JWTClaimsSet logoutClaims(String username, String sid) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer()).audience(CLIENT_ID).subject(subject(username))
                .claim("sid", sid).claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(120)))
                .jwtID(UUID.randomUUID().toString()).build();
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                    .type(new JOSEObjectType("logout+jwt")).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, String> lastAuthorizationRequest() {
        return lastAuthorizationRequest;
    }

    /** The authorization request the app pushed last, whether or not the browser has come with it yet. */
    public Map<String, String> lastPushedRequest() {
        return lastPushedRequest;
    }

    /** What the browser brought to the authorization endpoint at the last sign-in. */
    public Map<String, String> lastBrowserQuery() {
        return lastBrowserQuery;
    }

    /** RFC 9126: a pushed request is answered with a single-use request_uri, only to demo-web with its secret. */
    private void push(HttpExchange exchange) throws IOException {
        if (pushEndpointDown) {
            exchange.close();
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod()) || !isDemoWeb(exchange)) {
            json(exchange, 401, Map.of("error", "invalid_client"));
            return;
        }
        String requestUri = "urn:ietf:params:oauth:request_uri:" + UUID.randomUUID();
        Map<String, String> pushed = new LinkedHashMap<>(form(exchange.getRequestBody()));
        pushed.put("client_id", CLIENT_ID);
        pushedRequests.put(requestUri, pushed);
        lastPushedRequest = pushed;
        json(exchange, 201, Map.of("request_uri", requestUri, "expires_in", 60));
    }

    private void authorize(HttpExchange exchange) throws IOException {
        lastBrowserQuery = query(exchange.getRequestURI());
        Map<String, String> request = pushedRequests.remove(lastBrowserQuery.getOrDefault("request_uri", ""));
        if (request == null || !request.get("client_id").equals(lastBrowserQuery.get("client_id"))) {
            json(exchange, 400, Map.of("error", "invalid_request_uri"));
            return;
        }
        lastAuthorizationRequest = request;
        String code = UUID.randomUUID().toString();
        Map<String, String> grant = new LinkedHashMap<>(request);
        grant.put("user", user);
        codes.put(code, grant);
        redirect(exchange, request.get("redirect_uri") + "?code=" + code + "&state=" + encode(request.get("state"))
                + "&iss=" + encode(responseIssuer));
    }

    private void token(HttpExchange exchange) throws IOException {
        if (tokenEndpointDown) {
            exchange.close();
            return;
        }
        Map<String, String> form = form(exchange.getRequestBody());
        if (!isDemoWeb(exchange)) {
            json(exchange, 401, Map.of("error", "invalid_client"));
            return;
        }
        if ("authorization_code".equals(form.get("grant_type"))) {
            Map<String, String> grant = codes.remove(form.getOrDefault("code", ""));
            if (grant == null || !s256(form.getOrDefault("code_verifier", "")).equals(grant.get("code_challenge"))
                    || !grant.get("redirect_uri").equals(form.get("redirect_uri"))) {
                json(exchange, 400, Map.of("error", "invalid_grant"));
                return;
            }
            json(exchange, 200, tokens(grant.get("user"), grant.get("nonce")));
        }
        else if ("refresh_token".equals(form.get("grant_type"))) {
            String username = refreshTokens.remove(form.getOrDefault("refresh_token", ""));
            if (username == null) {
                json(exchange, 400, Map.of("error", "invalid_grant"));
                return;
            }
            refreshes.incrementAndGet();
            json(exchange, 200, tokens(username, null));
        }
        else {
            json(exchange, 400, Map.of("error", "unsupported_grant_type"));
        }
    }

    private static boolean isDemoWeb(HttpExchange exchange) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes());
        return basic.equals(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    private Map<String, Object> tokens(String username, String nonce) {
        Instant now = Instant.now();
        String accessToken = sign("at+jwt", new JWTClaimsSet.Builder()
                .issuer(issuer()).subject(subject(username)).audience("http://localhost:8080")
                .claim("scope", "openid profile email books.read books.write users.read").claim("client_id", CLIENT_ID)
                .claim("roles", ROLES.get(username)).claim("preferred_username", username)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(accessTokenSeconds)))
                .jwtID(UUID.randomUUID().toString()).build());
        accessTokens.put(accessToken, username);
        String refreshToken = UUID.randomUUID().toString();
        refreshTokens.put(refreshToken, username);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", accessToken);
        response.put("token_type", "Bearer");
        response.put("expires_in", accessTokenSeconds);
        response.put("refresh_token", refreshToken);
        response.put("scope", "openid profile email books.read books.write users.read");
        if (nonce != null) {
            lastSid = UUID.randomUUID().toString();
            lastIdToken = sign("JWT", new JWTClaimsSet.Builder()
                    .claim("sid", lastSid)
                    .issuer(issuer()).subject(subject(username)).audience(CLIENT_ID).claim("azp", CLIENT_ID)
                    .claim("nonce", nonce).claim("preferred_username", username)
                    .claim("name", Character.toUpperCase(username.charAt(0)) + username.substring(1) + " Example")
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                    .build());
            response.put("id_token", lastIdToken);
        }
        return response;
    }

    private void userinfo(HttpExchange exchange) throws IOException {
        String username = accessTokens.get(bearer(exchange));
        if (username == null) {
            json(exchange, 401, Map.of("error", "invalid_token"));
            return;
        }
        json(exchange, 200, Map.of("sub", subject(username), "preferred_username", username,
                "email", username + "@example.com", "email_verified", true));
    }

    private void books(HttpExchange exchange) throws IOException {
        if (apiDown) {
            exchange.close();
            return;
        }
        lastBearerToken = bearer(exchange);
        lastBooksQuery = query(exchange.getRequestURI());
        String username = accessTokens.get(lastBearerToken);
        if (username == null) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            json(exchange, 401, Map.of("title", "Unauthorized", "status", 401));
        }
        else if ("GET".equals(exchange.getRequestMethod())) {
            json(exchange, 200, Map.of("content", List.copyOf(books),
                    "page", Map.of("size", 20, "number", 0, "totalElements", books.size(), "totalPages", 1)));
        }
        else if (!ROLES.get(username).contains("ADMIN")) {
            problem(exchange, 403, Map.of("title", "Forbidden", "status", 403, "detail", "Role ADMIN required."));
        }
        else {
            addBook(exchange);
        }
    }

    private void addBook(HttpExchange exchange) throws IOException {
        Map<String, Object> book;
        try {
            book = JSONObjectUtils.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (java.text.ParseException e) {
            problem(exchange, 400, Map.of("title", "Bad Request", "status", 400, "detail", "Malformed JSON."));
            return;
        }
        if (book.get("title") == null || book.get("title").toString().isBlank()) {
            problem(exchange, 400, Map.of("title", "Bad Request", "status", 400, "detail", "The book is invalid.",
                    "errors", List.of(Map.of("field", "title", "message", "must not be blank"))));
            return;
        }
        Map<String, Object> added = book(book.get("title"), book.get("author"), book.get("isbn"),
                book.get("publishedYear"));
        books.add(added);
        exchange.getResponseHeaders().add("Location", apiUrl() + "/api/books/" + added.get("id"));
        json(exchange, 201, added);
    }

    private Map<String, Object> book(Object title, Object author, Object isbn, Object year) {
        Map<String, Object> book = new LinkedHashMap<>();
        book.put("id", books.size() + 1);
        book.put("title", title);
        book.put("author", author);
        book.put("isbn", isbn);
        book.put("publishedYear", year);
        return book;
    }

    private String sign(String type, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(new JOSEObjectType(type)).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(String username) {
        return UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String bearer(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(URI uri) {
        return parse(uri.getRawQuery());
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        return parse(new String(body.readAllBytes(), StandardCharsets.UTF_8));
    }

    static Map<String, String> parse(String encoded) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            String[] nameValue = pair.split("=", 2);
            parameters.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                    nameValue.length > 1 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
        }
        return parameters;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void problem(HttpExchange exchange, int status, Map<String, Object> problem) throws IOException {
        send(exchange, status, "application/problem+json", problem);
    }

    private static void json(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        send(exchange, status, "application/json", body);
    }

    private static void send(HttpExchange exchange, int status, String contentType, Map<String, ?> body)
            throws IOException {
        byte[] bytes = JSONObjectUtils.toJSONString(new LinkedHashMap<String, Object>(body))
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
