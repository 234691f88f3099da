package dev.tollgate.api.support;

import java.net.http.HttpClient;
import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** Real HTTP against the running API; never throws on an error status, so tests can look at it. */
public final class ApiClient {

    private final RestClient rest;

    public ApiClient(String baseUrl) {
        this.rest = RestClient.builder()
                .baseUrl(baseUrl)
                .requestFactory(new JdkClientHttpRequestFactory(HttpClient.newHttpClient()))
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    public ApiResponse get(String path, String token) {
        return send(HttpMethod.GET, path, token, null);
    }

    public ApiResponse delete(String path, String token) {
        return send(HttpMethod.DELETE, path, token, null);
    }

    public ApiResponse post(String path, String token, String json) {
        return send(HttpMethod.POST, path, token, json);
    }

    public ApiResponse put(String path, String token, String json) {
        return send(HttpMethod.PUT, path, token, json);
    }

    /** A conditional change: {@code ifMatch} is an ETag as the API sent it, or {@code *}. */
    public ApiResponse put(String path, String token, String json, String ifMatch) {
        return exchange(HttpMethod.PUT, path, bearerAnd(token, ifMatch), json, MediaType.APPLICATION_JSON);
    }

    public ApiResponse delete(String path, String token, String ifMatch) {
        return exchange(HttpMethod.DELETE, path, bearerAnd(token, ifMatch), null, null);
    }

    private static Consumer<HttpHeaders> bearerAnd(String token, String ifMatch) {
        return headers -> {
            headers.setBearerAuth(token);
            headers.set(HttpHeaders.IF_MATCH, ifMatch);
        };
    }

    public ApiResponse send(HttpMethod method, String path, String token, String json) {
        return exchange(method, path, headers -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
        }, json, MediaType.APPLICATION_JSON);
    }

    public ApiResponse exchange(HttpMethod method, String path, Consumer<HttpHeaders> headers, String body,
            MediaType bodyType) {
        RestClient.RequestBodySpec request = rest.method(method).uri(path).headers(headers);
        if (body != null) {
            request.contentType(bodyType).body(body);
        }
        ResponseEntity<String> response = request.retrieve().toEntity(String.class);
        return ApiResponse.of(response.getStatusCode().value(), response.getHeaders(), response.getBody());
    }
}
