package dev.tollgate.auth.signals.stream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.auth.signals.SharedSignals;
import dev.tollgate.auth.signals.SignalsEndpoints;
import dev.tollgate.auth.signals.Stream;
import dev.tollgate.auth.signals.StreamRequestRefused;
import dev.tollgate.auth.signals.Streams;

/**
 * {@code /ssf/status} (SSF 1.0 §8.1.2): a stream is {@code enabled} (SETs are delivered), {@code paused} (they are
 * kept and delivered on resuming) or {@code disabled} (none are kept, the queued ones are dropped). A change is told
 * to the stream as a {@code stream-updated} event, unless it is disabled.
 */
@RestController
@RequestMapping(value = SignalsEndpoints.BASE_PATH + "/status", produces = MediaType.APPLICATION_JSON_VALUE)
class StatusEndpoint {

    private static final Set<String> STATUSES = Set.of(Stream.ENABLED, Stream.PAUSED, Stream.DISABLED);

    private final Streams streams;

    private final SharedSignals signals;

    private final StreamRequests requests;

    StatusEndpoint(Streams streams, SharedSignals signals, StreamRequests requests) {
        this.streams = streams;
        this.signals = signals;
        this.requests = requests;
    }

    @GetMapping
    Map<String, Object> read(@AuthenticationPrincipal Jwt caller, @RequestParam("stream_id") String streamId) {
        return json(streams.owned(caller.getSubject(), streamId));
    }

    @PostMapping
    @Transactional
    Map<String, Object> change(@AuthenticationPrincipal Jwt caller, @RequestBody(required = false) String body) {
        JsonNode request = requests.object(body);
        Stream current = streams.owned(caller.getSubject(), StreamRequests.streamId(request));
        String status = StreamRequests.text(request, "status")
                .orElseThrow(() -> StreamRequestRefused.badRequest("status is required"));
        if (!STATUSES.contains(status)) {
            throw StreamRequestRefused.badRequest("status must be enabled, paused or disabled, not '" + status + "'");
        }
        Stream changed = current.withStatus(status, StreamRequests.text(request, "reason").orElse(null));
        streams.updateStatus(changed);
        if (!status.equals(current.status()) && !Stream.DISABLED.equals(status)) {
            signals.streamUpdated(changed);
        }
        return json(changed);
    }

    private static Map<String, Object> json(Stream stream) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("stream_id", stream.id());
        json.put("status", stream.status());
        if (stream.statusReason() != null) {
            json.put("reason", stream.statusReason());
        }
        return json;
    }
}
