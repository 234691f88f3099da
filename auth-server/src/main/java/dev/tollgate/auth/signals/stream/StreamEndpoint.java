package dev.tollgate.auth.signals.stream;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.auth.AuthServerProperties;
import dev.tollgate.auth.signals.SignalTypes;
import dev.tollgate.auth.signals.SignalsProperties;
import dev.tollgate.auth.signals.SignalsEndpoints;
import dev.tollgate.auth.signals.Stream;
import dev.tollgate.auth.signals.StreamRequestRefused;
import dev.tollgate.auth.signals.Streams;

/**
 * {@code /ssf/streams}, stream management (SSF 1.0 §8.1.1): create, read one or all, update (PATCH: the members
 * given), replace (PUT) and delete the caller's own streams; another client's stream is answered as if it did not
 * exist. A new stream is enabled.
 */
@RestController
@RequestMapping(value = SignalsEndpoints.BASE_PATH + "/streams", produces = MediaType.APPLICATION_JSON_VALUE)
class StreamEndpoint {

    private final Streams streams;

    private final StreamRequests requests;

    private final String issuer;

    private final int maxStreams;

    StreamEndpoint(Streams streams, StreamRequests requests, AuthServerProperties server,
            SignalsProperties properties) {
        this.streams = streams;
        this.requests = requests;
        this.issuer = server.issuer();
        this.maxStreams = properties.maxStreamsPerClient();
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@AuthenticationPrincipal Jwt caller,
            @RequestBody(required = false) String body) {
        JsonNode request = requests.object(body);
        Stream empty = new Stream(UUID.randomUUID().toString(), caller.getSubject(), List.of(), Stream.POLL, null,
                null, null, null, Stream.ENABLED, null);
        Stream created = requests.apply(empty, request, true);
        if (streams.ofClient(caller.getSubject()).size() >= maxStreams) {
            throw StreamRequestRefused.badRequest("A client has at most " + maxStreams
                    + " streams: delete one it no longer uses");
        }
        streams.insert(created);
        return ResponseEntity.status(HttpStatus.CREATED).body(json(created, issuer));
    }

    @GetMapping(params = "stream_id")
    Map<String, Object> read(@AuthenticationPrincipal Jwt caller, @RequestParam("stream_id") String streamId) {
        return json(streams.owned(caller.getSubject(), streamId), issuer);
    }

    @GetMapping(params = "!stream_id")
    List<Map<String, Object>> list(@AuthenticationPrincipal Jwt caller) {
        return streams.ofClient(caller.getSubject()).stream().map(stream -> json(stream, issuer)).toList();
    }

    @PatchMapping
    @Transactional
    Map<String, Object> update(@AuthenticationPrincipal Jwt caller, @RequestBody(required = false) String body) {
        return change(caller, body, false);
    }

    @PutMapping
    @Transactional
    Map<String, Object> replace(@AuthenticationPrincipal Jwt caller, @RequestBody(required = false) String body) {
        return change(caller, body, true);
    }

    @DeleteMapping
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt caller, @RequestParam("stream_id") String streamId) {
        if (!streams.delete(caller.getSubject(), streamId)) {
            throw StreamRequestRefused.notFound(streamId);
        }
        return ResponseEntity.noContent().build();
    }

    private Map<String, Object> change(Jwt caller, String body, boolean replace) {
        JsonNode request = requests.object(body);
        Stream current = streams.owned(caller.getSubject(), StreamRequests.streamId(request));
        Stream changed = requests.apply(current, request, replace);
        streams.update(changed);
        return json(changed, issuer);
    }

    /** The stream as SSF 1.0 §8.1.1 shows it; the authorization header is never shown. */
    static Map<String, Object> json(Stream stream, String issuer) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("stream_id", stream.id());
        json.put("iss", issuer);
        json.put("aud", stream.clientId());
        json.put("events_supported", SignalTypes.SUPPORTED);
        json.put("events_requested", stream.eventsRequested());
        json.put("events_delivered", stream.eventsDelivered());
        Map<String, Object> delivery = new LinkedHashMap<>();
        delivery.put("method", stream.deliveryMethod());
        delivery.put("endpoint_url", Stream.PUSH.equals(stream.deliveryMethod()) ? stream.endpointUrl()
                : issuer + SignalsEndpoints.BASE_PATH + "/poll/" + stream.id());
        json.put("delivery", delivery);
        if (stream.minVerificationInterval() != null) {
            json.put("min_verification_interval", stream.minVerificationInterval());
        }
        if (stream.description() != null) {
            json.put("description", stream.description());
        }
        return json;
    }
}
