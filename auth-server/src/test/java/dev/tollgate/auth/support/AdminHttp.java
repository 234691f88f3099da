package dev.tollgate.auth.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A program on the admin plane ({@code /admin/api}, {@code /scim/v2}) over real HTTP, with a bearer token or none.
 * {@link #asDemoAdmin} gets its token as automation would: client_credentials of the demo client {@code demo-admin}
 * for scope {@code tollgate.admin}.
 */
public final class AdminHttp {

    public static final String DEMO_ADMIN = "demo-admin";

    public static final String DEMO_ADMIN_SECRET = "demo-admin-secret";

    public static final String ADMIN_SCOPE = "tollgate.admin";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final String baseUrl;

    private final String accessToken;

    private AdminHttp(String baseUrl, String accessToken) {
        this.baseUrl = baseUrl;
        this.accessToken = accessToken;
    }

    /** With a fresh {@code tollgate.admin} token of demo-admin. */
    public static AdminHttp asDemoAdmin(OAuthHttp oauth) {
        return withToken(oauth, demoAdminToken(oauth));
    }

    public static AdminHttp withToken(OAuthHttp oauth, String accessToken) {
        return new AdminHttp(oauth.baseUrl(), accessToken);
    }

    public static AdminHttp withoutToken(OAuthHttp oauth) {
        return new AdminHttp(oauth.baseUrl(), null);
    }

    /** A new {@code tollgate.admin} access token of demo-admin (client_credentials, a JWT). */
    public static String demoAdminToken(OAuthHttp oauth) {
        OAuthHttp.Reply tokens = oauth.clientCredentials(DEMO_ADMIN, DEMO_ADMIN_SECRET, ADMIN_SCOPE);
        if (tokens.status() != 200) {
            throw new AssertionError("demo-admin got no token: " + tokens);
        }
        return tokens.field("access_token");
    }

    public String accessToken() {
        return accessToken;
    }

    public Reply get(String path) {
        return send("GET", path, null, null);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Reply postJson(String path, String json) {
        return send("POST", path, "application/json", json);
    }

    public Reply putJson(String path, String json) {
        return send("PUT", path, "application/json", json);
    }

    public Reply patchJson(String path, String json) {
        return send("PATCH", path, "application/json", json);
    }

    /** Any request; {@code body} null sends none. Add headers with {@link #send(HttpRequest.Builder)}. */
    public Reply send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = request(path).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /** A request builder for {@code path} carrying this client's token, for headers the shortcuts do not set. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return request;
    }

    public Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers());
        }
        catch (IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
    }

    public record Reply(int status, String body, HttpHeaders headers) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + headers.map() + " " + body;
        }
    }
}
