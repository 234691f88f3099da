package dev.tollgate.auth.signals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.outbox.SenderThread;

/**
 * Pushes the due SETs of enabled push streams (RFC 8935) on a thread of its own, right after each commit that queued
 * some ({@link #wakeUp}) and every {@code tollgate.signals.sweep-interval}: one claimed row at a time
 * ({@link SetOutbox#claim}, so of several instances one pushes it), {@code POST} of the SET as
 * {@code application/secevent+jwt} with the stream's {@code Authorization} header. A 202 acknowledges it (§2.2) and
 * the row goes; a 400 refuses it for good (§2.3: the SET is dropped, with the receiver's {@code err}); anything else
 * is retried, the same SET, after an exponential backoff until {@code max-attempts}. Every outcome is audited but an
 * acknowledged verification (a receiver's heartbeat). SETs
 * older than {@code tollgate.signals.retention} (never fetched by poll, held by a paused stream) are dropped.
 */
@Component
class PushDeliveries implements DisposableBean {

    static final int BATCH_SIZE = 50;

    static final String MEDIA_TYPE = "application/secevent+jwt";

    private static final Logger log = LoggerFactory.getLogger(PushDeliveries.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SetOutbox outbox;

    private final SignalsProperties properties;

    private final AuditLog audit;

    private final Clock clock;

    private final HttpClient http;

    private final SenderThread thread = new SenderThread("shared-signals-sender", this::sweepLogged);

    PushDeliveries(SetOutbox outbox, SignalsProperties properties, AuditLog audit, Clock clock) {
        this.outbox = outbox;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
        this.http = SenderThread.httpClient(properties.timeout());
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        thread.start(properties.sweepInterval());
    }

    /** Pushes soon on the sender's thread; wake-ups that come while one is pending are one. */
    void wakeUp() {
        thread.wakeUp();
    }

    /** Pushes every SET due now; answers how many the receivers acknowledged. */
    int sendDue() {
        return SenderThread.sendDue(() -> outbox.due(clock.instant(), BATCH_SIZE), BATCH_SIZE, id -> {
            Instant now = clock.instant();
            return outbox.claim(id, UUID.randomUUID().toString(), now, now.plus(properties.lease()));
        }, this::deliver);
    }

    /** Drops the SETs past their retention, then pushes the due ones. */
    void sweep() {
        int dropped = outbox.dropQueuedBefore(clock.instant().minus(properties.retention()));
        if (dropped > 0) {
            log.warn("Dropped {} Security Event Tokens that no receiver fetched within {}", dropped,
                    properties.retention());
        }
        sendDue();
    }

    private void sweepLogged() {
        try {
            sweep();
        }
        catch (RuntimeException failed) {
            // the database is unreachable: the next sweep tries again, the rows are still there
            log.warn("Could not read the Shared Signals outbox: {}", failed.toString());
        }
    }

    private boolean deliver(PendingSet pending) {
        String failure;
        try {
            HttpResponse<String> response = http.send(request(pending), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                outbox.delete(pending);
                // a receiver asks for verification every few seconds to know pushes work: no trail of each answer
                if (!SignalTypes.VERIFICATION.equals(pending.eventType())) {
                    audit.record(event(SecurityEventType.SHARED_SIGNAL_DELIVERED, pending));
                }
                return true;
            }
            if (response.statusCode() == 400) {
                refused(pending, response.body());
                return false;
            }
            failure = "status " + response.statusCode();
        }
        catch (IOException | IllegalArgumentException failed) {
            failure = failed.toString();
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            failure = interrupted.toString();
        }
        failedAttempt(pending, failure);
        return false;
    }

    private HttpRequest request(PendingSet pending) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pending.endpointUrl()))
                .timeout(properties.timeout())
                .header("Content-Type", MEDIA_TYPE)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(pending.securityEvent()));
        if (pending.authorizationHeader() != null) {
            request.header("Authorization", pending.authorizationHeader());
        }
        return request.build();
    }

    /** RFC 8935 §2.3: the receiver will never take this SET; pushing it again would be refused again. */
    private void refused(PendingSet pending, String body) {
        String err = "invalid_request";
        String description = null;
        try {
            JsonNode error = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            err = error.path("err").asString(err);
            description = error.path("description").asString(null);
        }
        catch (RuntimeException notJson) {
            description = "the refusal was not JSON";
        }
        audit.record(event(SecurityEventType.SHARED_SIGNAL_FAILED, pending)
                .with("status", 400).with("err", err).with("description", description).with("given_up", true));
        outbox.delete(pending);
    }

    private void failedAttempt(PendingSet pending, String failure) {
        SecurityEvent event = event(SecurityEventType.SHARED_SIGNAL_FAILED, pending).with("error", failure);
        // recorded before the row changes, so that whoever sees the row released also finds the record
        if (pending.attempts() >= properties.maxAttempts()) {
            audit.record(event.with("given_up", true));
            outbox.delete(pending);
            return;
        }
        Instant next = clock.instant().plus(backoff(pending.attempts()));
        audit.record(event.with("retry_at", next));
        outbox.retryAt(pending, next, failure);
    }

    /** The wait after the {@code attempts}-th failure: the retry delay, doubled per further failure. */
    Duration backoff(int attempts) {
        return SenderThread.backoff(properties.retryDelay(), attempts);
    }

    private static SecurityEvent event(SecurityEventType type, PendingSet pending) {
        return SecurityEvent.of(type)
                .with(SecurityEvent.CLIENT, pending.clientId())
                .with("stream", pending.streamId())
                .with("jti", pending.jti())
                .with("event", pending.eventType())
                .with("attempts", pending.attempts());
    }

    @Override
    public void destroy() throws InterruptedException {
        thread.stop();
    }
}
