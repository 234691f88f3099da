package dev.tollgate.auth.backchannel;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

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
 * Sends the due logout tokens of {@code backchannel_logout_outbox} on a thread of its own, right after each commit
 * that queued some ({@link #wakeUp}) and every {@code tollgate.backchannel-logout.sweep-interval}: one claimed row at
 * a time ({@link LogoutOutboxRows#claim}, so of several instances one sends it), a POST of {@code logout_token}
 * (Back-Channel Logout 1.0 §2.5) with a short timeout. A 200 or 204 (§2.8) deletes the row; anything else is retried
 * after an exponential backoff until {@code max-attempts}. Every outcome is audited.
 */
@Component
class LogoutDeliveries implements DisposableBean {

    static final int BATCH_SIZE = 50;

    private static final Logger log = LoggerFactory.getLogger(LogoutDeliveries.class);

    private final LogoutOutboxRows rows;

    private final LogoutTokens tokens;

    private final BackChannelLogoutProperties properties;

    private final AuditLog audit;

    private final Clock clock;

    private final HttpClient http;

    private final SenderThread thread = new SenderThread("backchannel-logout-sender", this::sendDueLogged);

    LogoutDeliveries(LogoutOutboxRows rows, LogoutTokens tokens, BackChannelLogoutProperties properties,
            AuditLog audit, Clock clock) {
        this.rows = rows;
        this.tokens = tokens;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
        this.http = SenderThread.httpClient(properties.timeout());
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        thread.start(properties.sweepInterval());
    }

    /** Sends soon on the sender's thread; wake-ups that come while one is pending are one. */
    void wakeUp() {
        thread.wakeUp();
    }

    /** Sends every logout token due now; answers how many clients acknowledged theirs. */
    int sendDue() {
        return SenderThread.sendDue(() -> rows.due(clock.instant(), BATCH_SIZE), BATCH_SIZE, id -> {
            Instant now = clock.instant();
            return rows.claim(id, UUID.randomUUID().toString(), now, now.plus(properties.lease()));
        }, this::deliver);
    }

    private void sendDueLogged() {
        try {
            sendDue();
        }
        catch (RuntimeException failed) {
            // the database is unreachable: the next sweep tries again, the rows are still there
            log.warn("Could not read the back-channel logout outbox: {}", failed.toString());
        }
    }

    private boolean deliver(PendingLogout logout) {
        String failure;
        try {
            HttpResponse<Void> response = http.send(request(logout), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200 || response.statusCode() == 204) {
                rows.delete(logout);
                audit.record(event(SecurityEventType.BACKCHANNEL_LOGOUT_DELIVERED, logout));
                return true;
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
        failedAttempt(logout, failure);
        return false;
    }

    private HttpRequest request(PendingLogout logout) {
        String body = "logout_token=" + URLEncoder.encode(tokens.sign(logout), StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create(logout.logoutUri()))
                .timeout(properties.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private void failedAttempt(PendingLogout logout, String failure) {
        SecurityEvent event = event(SecurityEventType.BACKCHANNEL_LOGOUT_FAILED, logout).with("error", failure);
        // recorded before the row changes, so that whoever sees the row released also finds the record
        if (logout.attempts() >= properties.maxAttempts()) {
            audit.record(event.with("given_up", true));
            rows.delete(logout);
            return;
        }
        Instant next = clock.instant().plus(backoff(logout.attempts()));
        audit.record(event.with("retry_at", next));
        rows.retryAt(logout, next, failure);
    }

    /** The wait after the {@code attempts}-th failure: the retry delay, doubled per further failure. */
    Duration backoff(int attempts) {
        return SenderThread.backoff(properties.retryDelay(), attempts);
    }

    private static SecurityEvent event(SecurityEventType type, PendingLogout logout) {
        return SecurityEvent.of(type)
                .with(SecurityEvent.CLIENT, logout.clientId())
                .with(SecurityEvent.USER, logout.subject())
                .with("sid", logout.sid())
                .with("attempts", logout.attempts());
    }

    @Override
    public void destroy() throws InterruptedException {
        thread.stop();
    }
}
