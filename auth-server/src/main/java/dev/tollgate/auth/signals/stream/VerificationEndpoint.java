package dev.tollgate.auth.signals.stream;

import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.auth.signals.SharedSignals;
import dev.tollgate.auth.signals.SignalsEndpoints;
import dev.tollgate.auth.signals.Stream;
import dev.tollgate.auth.signals.StreamRequestRefused;
import dev.tollgate.auth.signals.Streams;

/**
 * {@code /ssf/verify} (SSF 1.0 §8.1.4): queues a verification event, with the receiver's {@code state}, on the
 * stream, delivered as any other event is (held while the stream is paused; a disabled stream gets none).
 */
@RestController
class VerificationEndpoint {

    private final Streams streams;

    private final SharedSignals signals;

    private final StreamRequests requests;

    VerificationEndpoint(Streams streams, SharedSignals signals, StreamRequests requests) {
        this.streams = streams;
        this.signals = signals;
        this.requests = requests;
    }

    @PostMapping(SignalsEndpoints.BASE_PATH + "/verify")
    @Transactional
    ResponseEntity<Void> verify(@AuthenticationPrincipal Jwt caller, @RequestBody(required = false) String body) {
        JsonNode request = requests.object(body);
        String streamId = StreamRequests.streamId(request);
        Stream stream = streams.owned(caller.getSubject(), streamId);
        if (!Stream.DISABLED.equals(stream.status())) {
            signals.verify(stream, StreamRequests.text(request, "state"));
        }
        return ResponseEntity.noContent().build();
    }
}
