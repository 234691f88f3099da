package dev.tollgate.auth.signals.stream;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.client.PublicHosts;
import dev.tollgate.auth.client.TollgateClientSettings;
import dev.tollgate.auth.signals.SignalsProperties;
import dev.tollgate.auth.signals.Stream;
import dev.tollgate.auth.signals.StreamRequestRefused;

/**
 * Reads the JSON bodies of the stream management requests (SSF 1.0 §8.1.1): only the members a receiver may set
 * ({@code events_requested}, {@code delivery}, {@code description}); the transmitter's own ({@code iss}, {@code aud},
 * {@code events_supported}, {@code events_delivered}, {@code min_verification_interval}) are ignored. A push
 * {@code endpoint_url} is https, or http on a loopback address where {@code tollgate.signals.http-on-loopback} allows
 * it (the demo profile); a client that registered itself may push only to hosts on the public internet
 * ({@link PublicHosts}), as its {@code jwks_uri} must be.
 */
@Component
class StreamRequests {

    /** The longest description, reason, state, URL or header a request may give (V64's columns hold that much). */
    static final int LONGEST_TEXT = 1000;

    // events_requested is stored space-separated in 4000 characters
    private static final int MOST_EVENT_TYPES = 20;

    private final JsonMapper json;

    private final boolean httpOnLoopback;

    private final RegisteredClientRepository clients;

    StreamRequests(JsonMapper json, SignalsProperties properties, RegisteredClientRepository clients) {
        this.json = json;
        this.httpOnLoopback = properties.httpOnLoopback();
        this.clients = clients;
    }

    /** The body as a JSON object. */
    JsonNode object(String body) {
        if (body == null || body.isBlank()) {
            throw StreamRequestRefused.badRequest("The request body must be a JSON object");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        }
        catch (JacksonException malformed) {
            throw StreamRequestRefused.badRequest("The request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw StreamRequestRefused.badRequest("The request body must be a JSON object");
        }
        return node;
    }

    /** The {@code stream_id} member, required. */
    static String streamId(JsonNode request) {
        return text(request, "stream_id").orElseThrow(() -> StreamRequestRefused.badRequest("stream_id is required"));
    }

    /** A string member of at most {@value #LONGEST_TEXT} characters, if given. */
    static Optional<String> text(JsonNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString() || value.asString().isBlank() || value.asString().length() > LONGEST_TEXT) {
            throw StreamRequestRefused.badRequest(member + " must be a non-empty string of at most " + LONGEST_TEXT
                    + " characters");
        }
        return Optional.of(value.asString());
    }

    /**
     * {@code base} with the members {@code request} gives; with {@code replace}, the members it leaves out go back to
     * their defaults (no events, poll delivery, no description).
     */
    Stream apply(Stream base, JsonNode request, boolean replace) {
        List<String> events = request.has("events_requested") ? events(request.get("events_requested"))
                : replace ? List.of() : base.eventsRequested();
        String description = request.has("description") ? text(request, "description").orElse(null)
                : replace ? null : base.description();
        Delivery delivery = request.has("delivery") ? delivery(request.get("delivery"), base.clientId())
                : replace ? new Delivery(Stream.POLL, null, null)
                : new Delivery(base.deliveryMethod(), base.endpointUrl(), base.authorizationHeader());
        return new Stream(base.id(), base.clientId(), events, delivery.method(), delivery.endpointUrl(),
                delivery.authorizationHeader(), base.minVerificationInterval(), description, base.status(),
                base.statusReason());
    }

    private static List<String> events(JsonNode events) {
        if (events == null || events.isNull()) {
            return List.of();
        }
        if (!events.isArray()) {
            throw StreamRequestRefused.badRequest("events_requested must be an array of event type URIs");
        }
        List<String> types = new ArrayList<>();
        for (JsonNode event : events) {
            if (!event.isString() || event.asString().isBlank()) {
                throw StreamRequestRefused.badRequest("events_requested must be an array of event type URIs");
            }
            if (event.asString().length() > 190 || event.asString().contains(" ")) {
                throw StreamRequestRefused.badRequest("events_requested holds event type URIs");
            }
            if (!types.contains(event.asString())) {
                types.add(event.asString());
            }
        }
        if (types.size() > MOST_EVENT_TYPES) {
            throw StreamRequestRefused.badRequest("events_requested names at most " + MOST_EVENT_TYPES + " types");
        }
        return List.copyOf(types);
    }

    private record Delivery(String method, String endpointUrl, String authorizationHeader) {
    }

    private Delivery delivery(JsonNode delivery, String clientId) {
        if (delivery == null || delivery.isNull()) {
            return new Delivery(Stream.POLL, null, null);
        }
        if (!delivery.isObject()) {
            throw StreamRequestRefused.badRequest("delivery must be an object with method and endpoint_url");
        }
        String method = text(delivery, "method")
                .orElseThrow(() -> StreamRequestRefused.badRequest("delivery.method is required"));
        if (Stream.POLL.equals(method)) {
            return new Delivery(Stream.POLL, null, null);
        }
        if (!Stream.PUSH.equals(method)) {
            throw StreamRequestRefused.badRequest("delivery.method must be " + Stream.PUSH + " (push) or "
                    + Stream.POLL + " (poll), not '" + method + "'");
        }
        String endpoint = text(delivery, "endpoint_url")
                .orElseThrow(() -> StreamRequestRefused.badRequest("delivery.endpoint_url is required for push"));
        requirePushable(endpoint, clientId);
        String authorization = text(delivery, "authorization_header").orElse(null);
        if (authorization != null && authorization.chars().anyMatch(c -> c < 0x20)) {
            throw StreamRequestRefused.badRequest("delivery.authorization_header must be one header value");
        }
        return new Delivery(Stream.PUSH, endpoint, authorization);
    }

    private void requirePushable(String endpoint, String clientId) {
        URI uri;
        try {
            uri = new URI(endpoint);
        }
        catch (URISyntaxException malformed) {
            throw StreamRequestRefused.badRequest("delivery.endpoint_url is not a URL");
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawFragment() != null) {
            throw StreamRequestRefused.badRequest("delivery.endpoint_url must be an absolute URL without a fragment");
        }
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            if (selfRegistered(clientId) && !PublicHosts.accepts(uri.getHost())) {
                // the registrar's client would make Tollgate POST to what only Tollgate reaches (SSRF)
                throw StreamRequestRefused.badRequest("delivery.endpoint_url must be on the public internet: a client "
                        + "that registered itself may not have Tollgate call internal addresses");
            }
            return;
        }
        if ("http".equalsIgnoreCase(uri.getScheme()) && httpOnLoopback && isLoopback(uri.getHost())) {
            return;
        }
        throw StreamRequestRefused.badRequest(httpOnLoopback
                ? "delivery.endpoint_url must be https, or http on a loopback address"
                : "delivery.endpoint_url must be https");
    }

    private boolean selfRegistered(String clientId) {
        RegisteredClient client = clients.findByClientId(clientId);
        return client == null || TollgateClientSettings.selfRegistered(client);
    }

    // a name is resolved only if it is localhost: no lookup of a name the receiver chose
    private static boolean isLoopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        }
        catch (UnknownHostException malformed) {
            return false;
        }
    }
}
