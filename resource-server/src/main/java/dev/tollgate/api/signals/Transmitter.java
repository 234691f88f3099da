package dev.tollgate.api.signals;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;

import dev.tollgate.api.ApiProperties;

/**
 * The auth server as an SSF transmitter, seen from its receiver: its metadata (SSF 1.0 §7), the stream management
 * API (§8.1) with a client_credentials token of scope {@code ssf.manage}, verification (§8.1.4) and polling
 * (RFC 8936). Every call may throw a {@link org.springframework.web.client.RestClientException} when the auth
 * server is down or refuses; the caller tries again later.
 */
class Transmitter {

    static final String PUSH = "urn:ietf:rfc:8935";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    /** A token is asked for again this long before it expires. */
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(10);

    private final ApiProperties properties;
    private final ApiProperties.Signals signals;
    private final Clock clock;
    private final RestClient http;
    private volatile Metadata metadata;
    private String accessToken;
    private Instant accessTokenExpiresAt = Instant.MIN;

    Transmitter(ApiProperties properties, Clock clock) {
        this.properties = properties;
        this.signals = properties.api().signals();
        this.clock = clock;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
        requests.setReadTimeout(READ_TIMEOUT);
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    /**
     * The transmitter's configuration; its {@code issuer} must be ours exactly (SSF 1.0 §7.2), and it must push.
     */
    Metadata metadata() {
        JsonNode answer = http.get().uri(properties.ssfConfigurationUri()).retrieve().body(JsonNode.class);
        String issuer = properties.issuer().toString();
        if (answer == null || !issuer.equals(answer.path("issuer").asString(""))) {
            throw new IllegalStateException("The SSF configuration at " + properties.ssfConfigurationUri()
                    + " is not of issuer " + issuer);
        }
        boolean pushes = false;
        for (JsonNode method : answer.path("delivery_methods_supported")) {
            pushes |= PUSH.equals(method.asString(""));
        }
        if (!pushes) {
            throw new IllegalStateException("The transmitter does not push SETs (" + PUSH + ")");
        }
        Metadata read = new Metadata(issuer, required(answer, "jwks_uri"), required(answer, "configuration_endpoint"),
                required(answer, "verification_endpoint"));
        this.metadata = read;
        return read;
    }

    List<JsonNode> streams() {
        JsonNode answer = managing(HttpMethod.GET, metadata.configurationEndpoint(), null);
        List<JsonNode> streams = new ArrayList<>();
        if (answer != null && answer.isArray()) {
            answer.forEach(streams::add);
        } else if (answer != null && answer.isObject()) {
            streams.add(answer);
        }
        return streams;
    }

    JsonNode createStream(Map<String, Object> stream) {
        return managing(HttpMethod.POST, metadata.configurationEndpoint(), stream);
    }

    JsonNode updateStream(Map<String, Object> changes) {
        return managing(HttpMethod.PATCH, metadata.configurationEndpoint(), changes);
    }

    void requestVerification(String streamId, String state) {
        managing(HttpMethod.POST, metadata.verificationEndpoint(), Map.of("stream_id", streamId, "state", state));
    }

    /**
     * One poll (RFC 8936 §2.4), returning at once: acknowledges {@code ack}, reports {@code setErrs}, and returns
     * up to {@code maxEvents} SETs by {@code jti}.
     */
    Polled poll(String streamId, int maxEvents, List<String> ack, Map<String, Map<String, String>> setErrs) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("maxEvents", maxEvents);
        request.put("returnImmediately", true);
        request.put("ack", ack);
        request.put("setErrs", setErrs);
        JsonNode answer = managing(HttpMethod.POST, pollEndpoint(streamId), request);
        Map<String, String> sets = new LinkedHashMap<>();
        if (answer != null) {
            answer.path("sets").properties().forEach(set -> sets.put(set.getKey(), set.getValue().asString("")));
        }
        return new Polled(sets, answer != null && answer.path("moreAvailable").asBoolean(false));
    }

    private String pollEndpoint(String streamId) {
        return metadata.issuer().replaceAll("/$", "") + "/ssf/poll/" + URLEncoder.encode(streamId, StandardCharsets.UTF_8);
    }

    private JsonNode managing(HttpMethod method, String uri, Object body) {
        try {
            return send(method, uri, body);
        } catch (RestClientResponseException refused) {
            if (refused.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)) {
                forgetToken();
            }
            throw refused;
        }
    }

    private JsonNode send(HttpMethod method, String uri, Object body) {
        RestClient.RequestBodySpec request = http.method(method).uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken())
                .accept(MediaType.APPLICATION_JSON);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve().body(JsonNode.class);
    }

    /** A client_credentials token of scope {@code ssf.manage} (RFC 6749 §4.4), reused until shortly before expiry. */
    private synchronized String accessToken() {
        Instant now = clock.instant();
        if (accessToken != null && now.isBefore(accessTokenExpiresAt)) {
            return accessToken;
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("scope", "ssf.manage");
        JsonNode answer = http.post().uri(properties.tokenUri())
                .headers(headers -> headers.setBasicAuth(formEncoded(signals.clientId()),
                        formEncoded(signals.clientSecret() == null ? "" : signals.clientSecret())))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .retrieve()
                .body(JsonNode.class);
        if (answer == null || answer.path("access_token").asString("").isEmpty()) {
            throw new IllegalStateException("The token endpoint gave no access token");
        }
        accessToken = answer.path("access_token").asString();
        accessTokenExpiresAt = now.plusSeconds(answer.path("expires_in").asLong(60)).minus(TOKEN_MARGIN);
        return accessToken;
    }

    private synchronized void forgetToken() {
        accessToken = null;
    }

    private static String formEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String required(JsonNode metadata, String member) {
        String value = metadata.path(member).asString("");
        if (value.isEmpty()) {
            throw new IllegalStateException("The SSF configuration has no " + member);
        }
        return value;
    }

    record Metadata(String issuer, String jwksUri, String configurationEndpoint, String verificationEndpoint) {
    }

    /** The SETs of one poll by {@code jti}, and whether more are waiting. */
    record Polled(Map<String, String> sets, boolean moreAvailable) {
    }
}
