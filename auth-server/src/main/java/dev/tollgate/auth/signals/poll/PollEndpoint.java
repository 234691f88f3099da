package dev.tollgate.auth.signals.poll;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.signals.SetOutbox;
import dev.tollgate.auth.signals.SignalsProperties;
import dev.tollgate.auth.signals.SignalsEndpoints;
import dev.tollgate.auth.signals.Stream;
import dev.tollgate.auth.signals.StreamRequestRefused;
import dev.tollgate.auth.signals.Streams;

/**
 * {@code /ssf/poll/{stream_id}}, poll delivery (RFC 8936) of the caller's stream, push streams included (a receiver
 * whose pushes stopped catches up here): the SETs named in {@code ack} or {@code setErrs} leave the queue, then up to
 * {@code maxEvents} of the remaining ones are answered, oldest first. A paused or disabled stream answers none. The
 * answer never waits for new SETs ({@code returnImmediately} false is allowed to answer at once, §2.4).
 */
@RestController
class PollEndpoint {

    private final Streams streams;

    private final SetOutbox outbox;

    private final JsonMapper json;

    private final AuditLog audit;

    private final int maxEvents;

    PollEndpoint(Streams streams, SetOutbox outbox, JsonMapper json, AuditLog audit, SignalsProperties properties) {
        this.streams = streams;
        this.outbox = outbox;
        this.json = json;
        this.audit = audit;
        this.maxEvents = properties.maxPollEvents();
    }

    @PostMapping(value = SignalsEndpoints.BASE_PATH + "/poll/{streamId}",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Transactional
    Map<String, Object> poll(@AuthenticationPrincipal Jwt caller, @PathVariable String streamId,
            @RequestBody(required = false) String body) {
        Stream stream = streams.owned(caller.getSubject(), streamId);
        JsonNode request = object(body);
        List<String> acknowledged = jtis(request.get("ack"), "ack");
        int removed = outbox.remove(streamId, acknowledged);
        if (removed > 0) {
            audit.record(SecurityEvent.of(SecurityEventType.SHARED_SIGNAL_DELIVERED)
                    .with(SecurityEvent.CLIENT, stream.clientId()).with("stream", streamId)
                    .with("jti", String.join(" ", acknowledged)).with("delivery", "poll"));
        }
        refusals(stream, request.get("setErrs"));
        int wanted = request.has("maxEvents") ? maxEvents(request.get("maxEvents")) : maxEvents;
        Map<String, String> sets = Stream.ENABLED.equals(stream.status()) && wanted > 0
                ? outbox.oldest(streamId, wanted) : Map.of();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sets", sets);
        answer.put("moreAvailable", Stream.ENABLED.equals(stream.status()) && outbox.moreThan(streamId, sets.size()));
        return answer;
    }

    // RFC 8936 §2.4: an empty body is a poll with the defaults
    private JsonNode object(String body) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        }
        catch (JacksonException malformed) {
            throw StreamRequestRefused.badRequest("The request body is not valid JSON");
        }
        if (!node.isObject()) {
            throw StreamRequestRefused.badRequest("The request body must be a JSON object");
        }
        return node;
    }

    private int maxEvents(JsonNode value) {
        if (!value.isIntegralNumber() || value.asInt() < 0) {
            throw StreamRequestRefused.badRequest("maxEvents must be a number of SETs, 0 or more");
        }
        return Math.min(value.asInt(), maxEvents);
    }

    private static List<String> jtis(JsonNode value, String member) {
        List<String> jtis = new ArrayList<>();
        if (value == null || value.isNull()) {
            return jtis;
        }
        if (!value.isArray()) {
            throw StreamRequestRefused.badRequest(member + " must be an array of jti values");
        }
        for (JsonNode jti : value) {
            if (!jti.isString()) {
                throw StreamRequestRefused.badRequest(member + " must be an array of jti values");
            }
            jtis.add(jti.asString());
        }
        return jtis;
    }

    /** RFC 8936 §2.4 {@code setErrs}: the receiver refused these SETs; they are dropped, and audited. */
    private void refusals(Stream stream, JsonNode setErrs) {
        if (setErrs == null || setErrs.isNull()) {
            return;
        }
        if (!setErrs.isObject()) {
            throw StreamRequestRefused.badRequest("setErrs must be an object of jti to {err, description}");
        }
        List<String> refused = new ArrayList<>(setErrs.propertyNames());
        if (outbox.remove(stream.id(), refused) > 0) {
            for (String jti : refused) {
                audit.record(SecurityEvent.of(SecurityEventType.SHARED_SIGNAL_FAILED)
                        .with(SecurityEvent.CLIENT, stream.clientId()).with("stream", stream.id()).with("jti", jti)
                        .with("err", setErrs.path(jti).path("err").asString(""))
                        .with("description", setErrs.path(jti).path("description").asString(""))
                        .with("given_up", true).with("delivery", "poll"));
            }
        }
    }
}
