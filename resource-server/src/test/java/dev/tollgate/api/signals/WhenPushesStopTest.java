package dev.tollgate.api.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.api.support.SecurityEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verification events show that pushes arrive; when one does not, the receiver polls (RFC 8936) until pushes work
 * again, reports its lag on {@code /actuator/health/signals}, and fails closed above max-lag if so configured.
 */
class WhenPushesStopTest extends SignalsTestBase {

    @AfterEach
    void pushesWorkAgain() {
        AUTH_SERVER.transmitterUnavailable(false);
        denyList.refuseIssuedBefore(null);
        if (receiver.polling()) {
            clock.advance(receiver.settings().verificationInterval());
            receiver.tick();
            assertAccepted(push(EVENTS.verification(lastVerificationState()).sign()));
        }
    }

    @Test
    void withoutAPushedVerificationEventItPollsAppliesAndAcknowledgesUntilPushesArriveAgain() {
        String user = UUID.randomUUID().toString();
        String token = TOKENS.alice("books.read").subject(user).sign();
        assertThat(api.get("/api/books", token).status()).isEqualTo(200);
        String set = EVENTS.grantRevoked(user, "grant-" + UUID.randomUUID(), List.of(RevocationTest.jtiOf(token)))
                .jti("polled-" + UUID.randomUUID()).sign();
        String setJti = "polled-set";
        String alsoPushed = EVENTS.event(SecurityEvents.ACCOUNT_DISABLED, Map.of("reason", "admin"))
                .user(UUID.randomUUID().toString()).sign();
        assertAccepted(push(alsoPushed));
        AUTH_SERVER.queueForPolling(Map.of(setJti, set, "pushed-set", alsoPushed));
        inSyncByPush();
        clock.advance(receiver.settings().verificationInterval());
        receiver.tick();
        int polls = AUTH_SERVER.pollRequests().size();
        assertThat(receiver.polling()).as("polls only once a verification event is overdue").isFalse();

        clock.advance(receiver.settings().verificationInterval());
        receiver.tick();

        assertThat(receiver.polling()).isTrue();
        RevocationTest.assertRevoked(api.get("/api/books", token));
        List<JsonNode> pollRequests = AUTH_SERVER.pollRequests();
        assertThat(pollRequests).hasSizeGreaterThanOrEqualTo(polls + 2);
        assertThat(pollRequests.get(polls).path("returnImmediately").asBoolean()).isTrue();
        assertThat(pollRequests.get(polls + 1).path("ack").valueStream().map(JsonNode::asString).toList())
                .as("acknowledged once applied, or when applied before").containsExactlyInAnyOrder(setJti, "pushed-set");
        assertThat(pollRequests.get(polls + 1).path("setErrs").isEmpty()).isTrue();
        JsonNode health = signalsHealth();
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("details").path("delivery").asString()).isEqualTo("poll");
        assertThat(health.path("details").path("lagSeconds").asDouble()).isLessThan(receiver.settings().maxLag().toSeconds());

        assertAccepted(push(EVENTS.verification(lastVerificationState()).sign()));

        assertThat(receiver.polling()).as("a pushed verification event ends polling").isFalse();
        assertThat(signalsHealth().path("details").path("delivery").asString()).isEqualTo("push");
    }

    @Test
    void healthReportsTheLagAndItsLimit() {
        inSyncByPush();
        JsonNode inSync = signalsHealth();
        assertThat(inSync.path("status").asString()).isEqualTo("UP");
        assertThat(inSync.path("details").path("lagSeconds").asDouble()).isLessThan(receiver.settings().maxLag().toSeconds());

        AUTH_SERVER.transmitterUnavailable(true);
        clock.advance(receiver.settings().maxLag().plusSeconds(5));

        JsonNode health = signalsHealth();
        assertThat(health.path("status").asString()).as("cannot be sure it has every event").isEqualTo("UNKNOWN");
        assertThat(health.path("details").path("lagSeconds").asDouble())
                .isGreaterThanOrEqualTo(receiver.settings().maxLag().plusSeconds(5).toSeconds());
        assertThat(health.path("details").path("maxLagSeconds").asLong()).isEqualTo(30);
        assertThat(api.get("/actuator/health", null).body().path("status").asString())
                .as("the API stays in service").isEqualTo("UP");
    }

    @Test
    void aboveMaxLagItStaysOpenByDefault() {
        SignalsReceiver open = newReceiver(settings(false));
        AUTH_SERVER.transmitterUnavailable(true);
        String old = TOKENS.alice("books.read").expiresIn(Duration.ofMinutes(2)).sign();
        clock.advance(receiver.settings().maxLag().plusSeconds(1));

        open.tick();

        assertThat(denyList.refusingIssuedBefore()).isNull();
        assertThat(api.get("/api/books", old).status()).isEqualTo(200);
    }

    @Test
    void failingClosedAboveMaxLagRefusesJwtsIssuedBeforeTheGapOnly() {
        Instant before = clock.instant();
        SignalsReceiver failingClosed = newReceiver(settings(true));
        AUTH_SERVER.transmitterUnavailable(true);
        String old = TOKENS.alice("books.read").expiresIn(Duration.ofMinutes(2)).sign();
        String issuedAfterTheGapStarted = TOKENS.alice("books.read").expiresIn(Duration.ofMinutes(6)).sign();
        failingClosed.tick();
        assertThat(api.get("/api/books", old).status()).as("within max-lag").isEqualTo(200);

        clock.advance(receiver.settings().maxLag().plusSeconds(1));
        failingClosed.tick();

        assertThat(denyList.refusingIssuedBefore()).as("since the receiver started").isBetween(before, clock.instant());
        RevocationTest.assertRevoked(api.get("/api/books", old));
        assertThat(api.get("/api/books", issuedAfterTheGapStarted).status()).isEqualTo(200);
    }

    /** A verification event asked for now and pushed at once. */
    private void inSyncByPush() {
        clock.advance(receiver.settings().verificationInterval());
        receiver.tick();
        assertAccepted(push(EVENTS.verification(lastVerificationState()).sign()));
        assertThat(receiver.polling()).isFalse();
    }

    private String lastVerificationState() {
        List<JsonNode> asked = AUTH_SERVER.verificationRequests();
        JsonNode last = asked.get(asked.size() - 1);
        assertThat(last.path("stream_id").asString()).isEqualTo(receiver.streamId());
        return last.path("state").asString();
    }

    private JsonNode signalsHealth() {
        ApiResponse health = api.get("/actuator/health/signals", null);
        assertThat(health.status()).isEqualTo(200);
        return health.body().path("components").path("signalsReceiver");
    }
}
