package dev.tollgate.api.support;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the API answered: status, headers and the body parsed as JSON (a missing node when empty). */
public record ApiResponse(int status, HttpHeaders headers, JsonNode body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static ApiResponse of(int status, HttpHeaders headers, String body) {
        JsonNode json = body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        return new ApiResponse(status, headers, json);
    }

    public String header(String name) {
        return headers.getFirst(name);
    }

    public MediaType contentType() {
        return headers.getContentType();
    }

    public String text(String field) {
        return body.path(field).asString();
    }
}
