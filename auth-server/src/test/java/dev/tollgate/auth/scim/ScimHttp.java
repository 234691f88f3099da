package dev.tollgate.auth.scim;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A SCIM client written by hand for the tests: raw requests to {@code /scim/v2}, as any provisioning tool sends them. */
public final class ScimHttp {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final String baseUrl;

    private final String accessToken;

    /** @param accessToken sent as a bearer token unless null */
    public ScimHttp(String serverUrl, String accessToken) {
        this.baseUrl = serverUrl + "/scim/v2";
        this.accessToken = accessToken;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public Reply post(String path, String body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply put(String path, String body, String ifMatch) {
        return send(withIfMatch(request(path).PUT(HttpRequest.BodyPublishers.ofString(body)), ifMatch));
    }

    public Reply patch(String path, String body, String ifMatch) {
        return send(withIfMatch(request(path).method("PATCH", HttpRequest.BodyPublishers.ofString(body)), ifMatch));
    }

    public Reply delete(String path, String ifMatch) {
        return send(withIfMatch(request(path).DELETE(), ifMatch));
    }

    /** A PATCH request body of the given operations (RFC 7644 section 3.5.2). */
    public static String patchOps(String... operations) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
                + String.join(",", operations) + "]}";
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/scim+json")
                .header("Accept", "application/scim+json");
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return request;
    }

    private static HttpRequest.Builder withIfMatch(HttpRequest.Builder request, String ifMatch) {
        return ifMatch == null ? request : request.header("If-Match", ifMatch);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""));
        }
        catch (IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
    }

    public record Reply(int status, String body, String location, String etag, String contentType) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The SCIM error's {@code scimType}, or null. */
        public String scimType() {
            JsonNode type = json().get("scimType");
            return type == null ? null : type.asString();
        }

        public String detail() {
            JsonNode detail = json().get("detail");
            return detail == null ? null : detail.asString();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
