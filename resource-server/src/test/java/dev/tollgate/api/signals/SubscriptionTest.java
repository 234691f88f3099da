package dev.tollgate.api.signals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.tollgate.api.support.FakeAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/** The receiver's own stream: created once, reused after a restart, and subscribed to as soon as the auth server answers. */
class SubscriptionTest extends SignalsTestBase {

    private static final String ENDPOINT = RECEIVER_URL + "/signals/events";

    @AfterEach
    void transmitterBack() {
        AUTH_SERVER.transmitterUnavailable(false);
        AUTH_SERVER.streamDeleted(false);
        AUTH_SERVER.existingStreams("[]");
        // the stream's secret is the context's receiver's again
        assertThat(receiver.subscribe()).isTrue();
    }

    @Test
    void createsAPushStreamForEveryEventTypeWithASecretOfItsOwn() {
        int created = AUTH_SERVER.streamRequests("POST").size();

        assertThat(receiver.subscribe()).isTrue();

        List<JsonNode> creations = AUTH_SERVER.streamRequests("POST");
        assertThat(creations).hasSize(created + 1);
        JsonNode stream = creations.get(creations.size() - 1);
        assertThat(stream.path("delivery").path("method").asString()).isEqualTo("urn:ietf:rfc:8935");
        assertThat(stream.path("delivery").path("endpoint_url").asString()).isEqualTo(ENDPOINT);
        assertThat(stream.path("delivery").path("authorization_header").asString()).startsWith("Bearer ").hasSizeGreaterThan(40);
        assertThat(stream.path("events_requested").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrderElementsOf(SecurityEvent.REQUESTED);
        assertThat(receiver.streamId()).isEqualTo(FakeAuthorizationServer.STREAM_ID);
    }

    @Test
    void reusesItsStreamAndGivesItTheNewSecret() {
        AUTH_SERVER.existingStreams("""
                [{"stream_id": "someone-elses", "delivery": {"method": "urn:ietf:rfc:8935", "endpoint_url": "http://other.test/signals/events"}},
                 {"stream_id": "%s", "delivery": {"method": "urn:ietf:rfc:8935", "endpoint_url": "%s"}}]
                """.formatted(FakeAuthorizationServer.STREAM_ID, ENDPOINT));
        int created = AUTH_SERVER.streamRequests("POST").size();
        int updated = AUTH_SERVER.streamRequests("PATCH").size();

        assertThat(receiver.subscribe()).isTrue();

        assertThat(AUTH_SERVER.streamRequests("POST")).as("no new stream").hasSize(created);
        List<JsonNode> updates = AUTH_SERVER.streamRequests("PATCH");
        assertThat(updates).hasSize(updated + 1);
        JsonNode update = updates.get(updates.size() - 1);
        assertThat(update.path("stream_id").asString()).isEqualTo(FakeAuthorizationServer.STREAM_ID);
        assertThat(update.path("delivery").path("authorization_header").asString()).isEqualTo(streamSecret());
        assertThat(receiver.streamId()).isEqualTo(FakeAuthorizationServer.STREAM_ID);
    }

    @Test
    void whileTheAuthServerIsDownItTriesAgainLaterWithoutHoldingUpTheApi() {
        AUTH_SERVER.transmitterUnavailable(true);
        SignalsReceiver fresh = newReceiver(settings(false));

        fresh.tick();

        assertThat(fresh.streamId()).isNull();
        assertThat(api.get("/api/books", TOKENS.alice("books.read").sign()).status()).isEqualTo(200);
        AUTH_SERVER.transmitterUnavailable(false);
        int created = AUTH_SERVER.streamRequests("POST").size();
        fresh.tick();
        assertThat(fresh.streamId()).as("not before the retry delay").isNull();

        clock.advance(Duration.ofSeconds(1));
        fresh.tick();

        assertThat(fresh.streamId()).isEqualTo(FakeAuthorizationServer.STREAM_ID);
        assertThat(AUTH_SERVER.streamRequests("POST")).hasSize(created + 1);
    }

    @Test
    void aStreamTheAuthServerNoLongerKnowsIsCreatedAgain() {
        SignalsReceiver fresh = newReceiver(settings(false));
        assertThat(fresh.subscribe()).isTrue();
        AUTH_SERVER.streamDeleted(true);
        int created = AUTH_SERVER.streamRequests("POST").size();

        clock.advance(receiver.settings().verificationInterval());
        fresh.tick();
        assertThat(fresh.streamId()).as("the verification request found no stream").isNull();
        AUTH_SERVER.streamDeleted(false);
        fresh.tick();

        assertThat(fresh.streamId()).isEqualTo(FakeAuthorizationServer.STREAM_ID);
        assertThat(AUTH_SERVER.streamRequests("POST")).hasSize(created + 1);
    }
}
