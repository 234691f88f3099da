package dev.tollgate.auth.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the protocol endpoints, as a client application or resource server would call them. */
public final class OAuthHttp {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final String baseUrl;

    private final String forwardedFor;

    public OAuthHttp(int port) {
        this(port, null);
    }

    /** A client at {@code forwardedFor}, as a reverse proxy in front of the server would report it. */
    public OAuthHttp(int port, String forwardedFor) {
        this.baseUrl = "http://localhost:" + port;
        this.forwardedFor = forwardedFor;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public Reply getWithBearer(String path, String accessToken) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + accessToken).GET());
    }

    /** POSTs nothing but a bearer token (userinfo by POST, OIDC Core 5.3.1). */
    public Reply postWithBearer(String path, String accessToken) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + accessToken).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** POSTs a form authenticated with client_secret_basic. */
    public Reply post(String path, String clientId, String clientSecret, Map<String, String> form) {
        String credentials = Base64.getEncoder().encodeToString(
                (encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8));
        return send(formRequest(path, form).header("Authorization", "Basic " + credentials));
    }

    /** POSTs a form without an Authorization header (public clients, client_secret_post). */
    public Reply post(String path, Map<String, String> form) {
        return send(formRequest(path, form));
    }

    /** POSTs a JSON document, with a bearer token unless it is null (the client registration endpoints). */
    public Reply postJson(String path, String accessToken, String json) {
        return sendJson("POST", path, accessToken, json);
    }

    /** PUTs a JSON document with a bearer token unless it is null (RFC 7592 update, the admin API). */
    public Reply putJson(String path, String accessToken, String json) {
        return sendJson("PUT", path, accessToken, json);
    }

    /** DELETEs with a bearer token unless it is null. */
    public Reply deleteWithBearer(String path, String accessToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE();
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return send(request);
    }

    public Reply clientCredentials(String clientId, String clientSecret, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (scope != null) {
            form.put("scope", scope);
        }
        return post("/oauth2/token", clientId, clientSecret, form);
    }

    public Reply introspect(String token) {
        return post("/oauth2/introspect", "resource-server", "resource-server-secret", Map.of("token", token));
    }

    private Reply sendJson(String method, String path, String accessToken, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return send(request);
    }

    private HttpRequest.Builder formRequest(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private Reply send(HttpRequest.Builder request) {
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(null));
        }
        catch (IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public record Reply(int status, String body, String location, String contentType, String retryAfter) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String field(String name) {
            JsonNode value = json().get(name);
            return value == null || value.isNull() ? null : value.asString();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
