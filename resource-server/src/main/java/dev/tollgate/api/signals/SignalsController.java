package dev.tollgate.api.signals;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The push endpoint of RFC 8935 §2: {@code 202} once a SET is verified and applied (again for one applied before,
 * the same {@code jti}, which is not applied twice); {@code 400} with
 * {@code {"err", "description"}} for a SET that will never be accepted (the transmitter drops it); {@code 401}
 * without this instance's stream secret (the transmitter tries again: a restarted instance gives its stream a new
 * secret); {@code 503} when the transmitter's keys cannot be fetched now. No bearer token: the secret protects it.
 */
@RestController
class SignalsController {

    static final String PATH = "/signals/events";
    private static final Logger log = LoggerFactory.getLogger(SignalsController.class);
    private static final MediaType SECEVENT_JWT = MediaType.parseMediaType("application/secevent+jwt");
    private static final String RETRY_AFTER_SECONDS = "5";

    private final SignalsReceiver receiver;

    SignalsController(SignalsReceiver receiver) {
        this.receiver = receiver;
    }

    @PostMapping(PATH)
    ResponseEntity<Map<String, String>> receive(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestBody(required = false) String body) {
        if (!receiver.settings().enabled()) {
            return error(HttpStatus.NOT_FOUND, "access_denied", "This API receives no Shared Signals");
        }
        if (!receiver.isAuthorized(authorization)) {
            return error(HttpStatus.UNAUTHORIZED, "authentication_failed",
                    "The Authorization header is not the one this receiver gave its stream");
        }
        if (!isSecurityEventToken(contentType)) {
            return refused(new SetRefused(SetRefused.INVALID_REQUEST, "The Content-Type must be application/secevent+jwt"));
        }
        if (body == null || body.isBlank()) {
            return refused(new SetRefused(SetRefused.INVALID_REQUEST, "The body must be a SET"));
        }
        try {
            receiver.receive(body.strip(), true);
            return ResponseEntity.accepted().build();
        } catch (SetRefused refusal) {
            // a valid SET received before was applied then: acknowledged again, as when the transmitter resends one
            // whose 202 it never saw (a 400 would make it record a refusal of a SET that took effect)
            return refusal.isAlreadyReceived() ? ResponseEntity.accepted().build() : refused(refusal);
        } catch (JwtException | IllegalStateException notNow) {
            log.warn("Could not check a pushed SET now: {}", notNow.getMessage());
            return notNow();
        } catch (RuntimeException unexpected) {
            // not the SET's fault as far as anyone can tell: the transmitter keeps it and tries again
            log.error("Could not apply a pushed SET", unexpected);
            return notNow();
        }
    }

    private static ResponseEntity<Map<String, String>> notNow() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("err", "temporarily_unavailable", "description", "The SET cannot be checked now"));
    }

    private static boolean isSecurityEventToken(String contentType) {
        try {
            return contentType != null && SECEVENT_JWT.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException unparsable) {
            return false;
        }
    }

    private static ResponseEntity<Map<String, String>> refused(SetRefused refusal) {
        log.warn("Refused a pushed SET: {} ({})", refusal.err(), refusal.description());
        return error(HttpStatus.BAD_REQUEST, refusal.err(), refusal.description());
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String err, String description) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("err", err, "description", description));
    }
}
