package dev.tollgate.auth.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.support.AdminHttp;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.testsupport.TestClock;

/**
 * The Shared Signals transmitter over real HTTP: its metadata, stream management and its refusals, verification,
 * push delivery (RFC 8935) with retries and refusals, paused and disabled streams, poll delivery (RFC 8936), and
 * two senders on one database pushing each SET once.
 */
@AuthServerTest
@ExtendWith(OutputCaptureExtension.class)
class SharedSignalsTest extends SignalsTest {

    @Autowired
    TestClock clock;

    @Autowired
    PushDeliveries deliveries;

    @Autowired
    SetOutbox outbox;

    @Autowired
    SignalsProperties properties;

    @Autowired
    AuditLog audit;

    @Autowired
    SharedSignals signals;

    @Test
    void theTransmitterPublishesItsMetadata() {
        Reply metadata = http.get("/.well-known/ssf-configuration");

        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.field("spec_version")).isEqualTo("1_0");
        assertThat(metadata.field("issuer")).isEqualTo(AuthServerTest.ISSUER);
        assertThat(metadata.field("jwks_uri")).isEqualTo(AuthServerTest.ISSUER + "/oauth2/jwks");
        assertThat(metadata.field("configuration_endpoint")).isEqualTo(AuthServerTest.ISSUER + "/ssf/streams");
        assertThat(metadata.field("status_endpoint")).isEqualTo(AuthServerTest.ISSUER + "/ssf/status");
        assertThat(metadata.field("verification_endpoint")).isEqualTo(AuthServerTest.ISSUER + "/ssf/verify");
        assertThat(metadata.json().path("delivery_methods_supported").toString())
                .isEqualTo("[\"urn:ietf:rfc:8935\",\"urn:ietf:rfc:8936\"]");
        assertThat(metadata.json().path("authorization_schemes").toString())
                .isEqualTo("[{\"spec_urn\":\"urn:ietf:rfc:6749\"}]");
        assertThat(metadata.field("default_subjects")).isEqualTo("ALL");
    }

    @Test
    void aClientCreatesReadsListsUpdatesReplacesAndDeletesItsStream() {
        String id = pushStream("[\"" + SignalTypes.SESSION_REVOKED + "\", \"https://example.com/unknown\"]");

        AdminHttp.Reply read = streams.get("/ssf/streams?stream_id=" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("iss").asString()).isEqualTo(AuthServerTest.ISSUER);
        assertThat(read.json().path("aud").asString()).isEqualTo(RECEIVER_CLIENT);
        assertThat(read.json().path("events_delivered").toString())
                .isEqualTo("[\"" + SignalTypes.SESSION_REVOKED + "\"]");
        assertThat(read.json().path("events_supported").size()).isEqualTo(SignalTypes.SUPPORTED.size());
        assertThat(read.json().path("delivery").path("endpoint_url").asString()).isEqualTo(receiver.uri());
        assertThat(read.body()).as("write-only").doesNotContain("receiver-secret")
                .doesNotContain("authorization_header");
        assertThat(streams.get("/ssf/streams").json().findValuesAsString("stream_id")).contains(id);

        AdminHttp.Reply updated = streams.patchJson("/ssf/streams",
                "{\"stream_id\": \"" + id + "\", \"description\": \"renamed\"}");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("description").asString()).isEqualTo("renamed");
        assertThat(updated.json().path("events_requested").size()).as("kept").isEqualTo(2);
        assertThat(updated.json().path("delivery").path("method").asString()).isEqualTo("urn:ietf:rfc:8935");

        AdminHttp.Reply replaced = streams.putJson("/ssf/streams", "{\"stream_id\": \"" + id + "\","
                + " \"events_requested\": [\"" + SignalTypes.GRANT_REVOKED + "\"],"
                + " \"delivery\": {\"method\": \"urn:ietf:rfc:8936\"}}");
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json().has("description")).as("replaced by nothing").isFalse();
        assertThat(replaced.json().path("delivery").path("endpoint_url").asString())
                .isEqualTo(AuthServerTest.ISSUER + "/ssf/poll/" + id);

        assertThat(streams.delete("/ssf/streams?stream_id=" + id).status()).isEqualTo(204);
        assertThat(streams.get("/ssf/streams?stream_id=" + id).status()).isEqualTo(404);
    }

    @Test
    void streamRequestsAreRefusedWithAPreciseAnswerNeverA500() {
        String id = pushStream(ALL_EVENTS);
        AdminHttp withoutToken = AdminHttp.withoutToken(http);
        AdminHttp wrongScope = AdminHttp.withToken(http,
                http.clientCredentials("demo-service", "demo-service-secret", "books.read").field("access_token"));

        assertThat(withoutToken.get("/ssf/streams").status()).isEqualTo(401);
        assertThat(withoutToken.get("/ssf/streams").header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(wrongScope.get("/ssf/streams?stream_id=" + id).status()).isEqualTo(403);
        assertThat(wrongScope.get("/ssf/streams?stream_id=" + id).header("WWW-Authenticate"))
                .contains("insufficient_scope");
        assertThat(withoutToken.postJson("/ssf/poll/" + id, "{}").status()).isEqualTo(401);

        assertBadRequest(streams.postJson("/ssf/streams", "{\"delivery\": "), "not valid JSON");
        assertBadRequest(streams.postJson("/ssf/streams", "[1, 2]"), "JSON object");
        assertBadRequest(streams.postJson("/ssf/streams", "{\"delivery\": {\"method\": \"urn:example:smoke\"}}"),
                "delivery.method");
        assertBadRequest(streams.postJson("/ssf/streams",
                "{\"delivery\": {\"method\": \"urn:ietf:rfc:8935\", \"endpoint_url\": \"http://example.com/events\"}}"),
                "endpoint_url");
        assertBadRequest(streams.postJson("/ssf/streams",
                "{\"delivery\": {\"method\": \"urn:ietf:rfc:8935\"}}"), "endpoint_url");
        assertBadRequest(streams.postJson("/ssf/streams", "{\"events_requested\": \"all\"}"), "events_requested");
        assertBadRequest(streams.postJson("/ssf/streams", "{\"description\": \"" + "x".repeat(1001) + "\"}"),
                "description");
        assertBadRequest(streams.postJson("/ssf/streams", "{\"events_requested\": [" + IntStream.range(0, 21)
                .mapToObj(i -> "\"urn:example:" + i + "\"").collect(Collectors.joining(", ")) + "]}"),
                "events_requested");
        assertBadRequest(streams.postJson("/ssf/verify",
                "{\"stream_id\": \"" + id + "\", \"state\": \"" + "s".repeat(1001) + "\"}"), "state");
        assertBadRequest(streams.patchJson("/ssf/streams", "{\"description\": \"no id\"}"), "stream_id");
        assertBadRequest(streams.postJson("/ssf/status", "{\"stream_id\": \"" + id + "\", \"status\": \"on\"}"),
                "status");
        assertBadRequest(streams.postJson("/ssf/poll/" + id, "{\"maxEvents\": -1}"), "maxEvents");
        assertBadRequest(streams.postJson("/ssf/poll/" + id, "{\"ack\": \"x\"}"), "ack");
        assertThat(streams.send("POST", "/ssf/streams", "application/json", null).status()).isEqualTo(400);
    }

    @Test
    void aClientNeverReachesAnotherClientsStream() {
        String id = pushStream(ALL_EVENTS);
        AdminHttp other = AdminHttp.withToken(http, tokenOfANewSignalsClient());

        assertThat(other.get("/ssf/streams?stream_id=" + id).status()).isEqualTo(404);
        assertThat(other.get("/ssf/streams").json().findValuesAsString("stream_id")).doesNotContain(id);
        assertThat(other.patchJson("/ssf/streams", "{\"stream_id\": \"" + id + "\", \"description\": \"mine\"}")
                .status()).isEqualTo(404);
        assertThat(other.putJson("/ssf/streams", "{\"stream_id\": \"" + id + "\"}").status()).isEqualTo(404);
        assertThat(other.delete("/ssf/streams?stream_id=" + id).status()).isEqualTo(404);
        assertThat(other.get("/ssf/status?stream_id=" + id).status()).isEqualTo(404);
        assertThat(other.postJson("/ssf/verify", "{\"stream_id\": \"" + id + "\"}").status()).isEqualTo(404);
        assertThat(other.postJson("/ssf/poll/" + id, "{}").status()).isEqualTo(404);
        assertThat(streams.get("/ssf/streams?stream_id=" + id).json().path("description").asString())
                .isEqualTo("test receiver");
    }

    @Test
    void aClientThatRegisteredItselfHasTollgatePushOnlyToThePublicInternet() {
        AdminHttp selfRegistered = AdminHttp.withToken(http, tokenOfANewSignalsClient());
        String stream = """
                {"delivery": {"method": "urn:ietf:rfc:8935", "endpoint_url": "%s"}}""";

        for (String internal : List.of("https://10.0.0.7/events", "https://169.254.169.254/latest/meta-data",
                "https://127.0.0.1:8443/events", "https://[fd00::1]/events", "https://unresolvable.invalid/events")) {
            AdminHttp.Reply refused = selfRegistered.postJson("/ssf/streams", stream.formatted(internal));
            assertThat(refused.status()).as(internal).isEqualTo(400);
            assertThat(refused.json().path("error_description").asString()).contains("public internet");
        }
        assertThat(selfRegistered.postJson("/ssf/streams", stream.formatted("https://93.184.215.14/events")).status())
                .as("a public address").isEqualTo(201);
        assertThat(streams.postJson("/ssf/streams", stream.formatted("https://10.0.0.7/events")).status())
                .as("a client an operator registered may push to its private network").isEqualTo(201);
    }

    @Test
    void aClientHasAtMostSoManyStreams() {
        AdminHttp other = AdminHttp.withToken(http, tokenOfANewSignalsClient());
        for (int i = 0; i < properties.maxStreamsPerClient(); i++) {
            assertThat(other.postJson("/ssf/streams", "{}").status()).isEqualTo(201);
        }

        assertBadRequest(other.postJson("/ssf/streams", "{}"), "at most");
        assertThat(other.get("/ssf/streams").json().size()).isEqualTo(properties.maxStreamsPerClient());
        other.get("/ssf/streams").json().findValuesAsString("stream_id")
                .forEach(id -> assertThat(other.delete("/ssf/streams?stream_id=" + id).status()).isEqualTo(204));
    }

    @Test
    void aUsersTokenNeverGetsTheScopeNorManagesStreams() throws Exception {
        AdminHttp.Reply client = admin.postJson("/admin/api/clients", """
                {"client_name": "Both", "redirect_uris": ["https://both.example.com/cb"],
                 "grant_types": ["authorization_code", "client_credentials"], "scope": "openid ssf.manage"}""");
        assertThat(client.status()).as(client.toString()).isEqualTo(201);
        dev.tollgate.auth.support.Grants.Client both = new dev.tollgate.auth.support.Grants.Client(
                client.json().path("client_id").asString(), client.json().path("client_secret").asString(),
                "https://both.example.com/cb");

        Reply userTokens = grants.exchange(grants.authorize(new dev.tollgate.auth.support.Browser(http.baseUrl()),
                both, "admin", "admin-password", "openid ssf.manage"));

        assertThat(userTokens.status()).as(userTokens.toString()).isEqualTo(200);
        assertThat(userTokens.field("scope")).doesNotContain("ssf.manage");
        assertThat(AdminHttp.withToken(http, userTokens.field("access_token")).get("/ssf/streams").status())
                .as("not a client's own token").isEqualTo(401);
    }

    @Test
    void aRegistrationWithTheScopeNeedsTheClientCredentialsGrant() {
        String registrar = http.clientCredentials("demo-registrar", "demo-registrar-secret", null)
                .field("access_token");
        Reply refused = http.postJson("/connect/register", registrar, """
                {"client_name": "Browser app", "redirect_uris": ["https://app.example.com/cb"],
                 "scope": "openid ssf.manage"}""");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.field("error")).isEqualTo("invalid_client_metadata");
        assertThat(refused.field("error_description")).contains("ssf.manage");
    }

    @Test
    void verificationPushesASignedSetWithTheReceiversState() throws Exception {
        String id = pushStream("[]");

        AdminHttp.Reply verify = streams.postJson("/ssf/verify", "{\"stream_id\": \"" + id + "\", \"state\": \"s-1\"}");

        assertThat(verify.status()).isEqualTo(204);
        SetReceiver.Received push = receiver.next();
        assertThat(push.method()).isEqualTo("POST");
        assertThat(push.contentType()).isEqualTo("application/secevent+jwt");
        assertThat(push.accept()).isEqualTo("application/json");
        assertThat(push.authorization()).isEqualTo("Bearer receiver-secret");
        assertThat(SignedJWT.parse(push.set()).getHeader().getKeyID()).isNotBlank();
        JWTClaimsSet set = verified(push.set());
        assertThat(set.getIssuer()).isEqualTo(AuthServerTest.ISSUER);
        assertThat(set.getAudience()).containsExactly(RECEIVER_CLIENT);
        assertThat(set.getJWTID()).isNotBlank();
        assertThat(set.getIssueTime()).isNotNull();
        assertThat(set.getStringClaim("txn")).isNotBlank();
        assertThat(set.getClaims()).doesNotContainKeys("sub", "exp");
        assertThat(set.getJSONObjectClaim("events")).containsOnlyKeys(SignalTypes.VERIFICATION);
        assertThat(event(set, SignalTypes.VERIFICATION)).containsEntry("state", "s-1");
        assertThat(subject(set)).isEqualTo(Map.of("format", "opaque", "id", id));
    }

    @Test
    void aPausedStreamKeepsItsSetsUntilResumedADisabledOneDropsThem() throws Exception {
        String id = pushStream("[]");
        setStatus(id, "paused");

        streams.postJson("/ssf/verify", "{\"stream_id\": \"" + id + "\", \"state\": \"while-paused\"}");
        deliveries.sendDue();
        assertThat(receiver.pending()).as("held").isZero();
        assertThat(streams.get("/ssf/status?stream_id=" + id).json().path("status").asString()).isEqualTo("paused");

        setStatus(id, "enabled");
        JWTClaimsSet held = nextSet(SignalTypes.VERIFICATION, set -> true);
        assertThat(event(held, SignalTypes.VERIFICATION)).containsEntry("state", "while-paused");
        JWTClaimsSet resumed = nextSet(SignalTypes.STREAM_UPDATED, set -> true);
        assertThat(event(resumed, SignalTypes.STREAM_UPDATED)).containsEntry("status", "enabled");

        setStatus(id, "paused");
        streams.postJson("/ssf/verify", "{\"stream_id\": \"" + id + "\", \"state\": \"dropped\"}");
        setStatus(id, "disabled");
        assertThat(queued(id)).as("a disabled stream holds nothing").isZero();
        streams.postJson("/ssf/verify", "{\"stream_id\": \"" + id + "\"}");
        assertThat(queued(id)).isZero();
    }

    @Test
    void aReceiverThatFailsGetsTheSameSetAgainAfterTheBackoff(CapturedOutput output) throws Exception {
        String id = pushStream("[]");
        receiver.answers.add(new SetReceiver.Answer(500, null));

        streams.postJson("/ssf/verify", "{\"stream_id\": \"" + id + "\"}");
        String first = receiver.next().set();
        awaitReleasedForRetry(id);
        assertThat(output.getAll()).contains("event=SHARED_SIGNAL_FAILED client=" + RECEIVER_CLIENT);
        deliveries.sendDue();
        assertThat(receiver.pending()).as("not before the backoff").isZero();

        clock.advance(properties.retryDelay());
        deliveries.wakeUp();
        String retried = receiver.next().set();

        assertThat(retried).as("the same SET, the same jti").isEqualTo(first);
        awaitEmpty(id);
    }

    @Test
    void aSetTheReceiverRefusesIsDroppedAndAudited(CapturedOutput output) throws Exception {
        String id = pushStream("[]");
        receiver.answers.add(new SetReceiver.Answer(400,
                "{\"err\": \"invalid_audience\", \"description\": \"not for me\"}"));

        streams.postJson("/ssf/verify", "{\"stream_id\": \"" + id + "\"}");
        receiver.next();
        awaitEmpty(id);

        assertThat(output.getAll()).contains("err=invalid_audience");
        clock.advance(properties.retryDelay().multipliedBy(100));
        deliveries.sendDue();
        assertThat(receiver.pending()).isZero();
    }

    @Test
    void aPollReturnsTheQueuedSetsAndAnAcknowledgementRemovesThem() throws Exception {
        String id = stream("{\"events_requested\": [], \"delivery\": {\"method\": \"urn:ietf:rfc:8936\"}}");
        streams.postJson("/ssf/verify", "{\"stream_id\": \"" + id + "\", \"state\": \"one\"}");
        streams.postJson("/ssf/verify", "{\"stream_id\": \"" + id + "\", \"state\": \"two\"}");

        AdminHttp.Reply first = streams.postJson("/ssf/poll/" + id, "{\"maxEvents\": 1, \"returnImmediately\": true}");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("sets").size()).isEqualTo(1);
        assertThat(first.json().path("moreAvailable").asBoolean()).isTrue();
        String jti = first.json().path("sets").propertyNames().iterator().next();
        JWTClaimsSet set = verified(first.json().path("sets").path(jti).asString());
        assertThat(set.getJWTID()).isEqualTo(jti);
        assertThat(event(set, SignalTypes.VERIFICATION)).containsEntry("state", "one");

        AdminHttp.Reply second = streams.postJson("/ssf/poll/" + id,
                "{\"ack\": [\"" + jti + "\"], \"returnImmediately\": true}");
        assertThat(second.json().path("sets").has(jti)).as("acknowledged").isFalse();
        assertThat(second.json().path("sets").size()).isEqualTo(1);
        assertThat(second.json().path("moreAvailable").asBoolean()).isFalse();
        String other = second.json().path("sets").propertyNames().iterator().next();

        AdminHttp.Reply last = streams.postJson("/ssf/poll/" + id, "{\"setErrs\": {\"" + other
                + "\": {\"err\": \"invalid_key\", \"description\": \"unknown kid\"}}, \"maxEvents\": 0}");
        assertThat(last.json().path("sets").size()).isZero();
        assertThat(queued(id)).isZero();
        assertThat(receiver.pending()).as("a poll stream is never pushed to").isZero();
    }

    @Test
    void aSetNobodyFetchesIsDroppedAfterTheRetention() {
        String id = stream("{\"events_requested\": [], \"delivery\": {\"method\": \"urn:ietf:rfc:8936\"}}");
        streams.postJson("/ssf/verify", "{\"stream_id\": \"" + id + "\"}");
        deliveries.sweep();
        assertThat(queued(id)).isEqualTo(1);

        clock.advance(properties.retention().plusSeconds(1));
        deliveries.sweep();

        assertThat(queued(id)).isZero();
    }

    @Test
    void aPushStreamsQueueCanBePolledToo() {
        String id = pushStream("[]");
        holdPushes(id);
        streams.postJson("/ssf/verify", "{\"stream_id\": \"" + id + "\"}");
        assertThat(streams.postJson("/ssf/poll/" + id, "{}").json().path("sets").size())
                .as("paused: nothing delivered").isZero();
        jdbc.sql("UPDATE ssf_stream SET status = 'enabled' WHERE id = ?").param(id).update();

        AdminHttp.Reply polled = streams.postJson("/ssf/poll/" + id, "{}");
        String jti = polled.json().path("sets").propertyNames().iterator().next();
        streams.postJson("/ssf/poll/" + id, "{\"ack\": [\"" + jti + "\"], \"maxEvents\": 0}");

        assertThat(queued(id)).isZero();
    }

    @Test
    void twoSendersPushEachSetOnce() throws Exception {
        String id = pushStream("[]");
        holdPushes(id);
        for (int i = 0; i < 20; i++) {
            streams.postJson("/ssf/verify", "{\"stream_id\": \"" + id + "\", \"state\": \"" + i + "\"}");
        }
        jdbc.sql("UPDATE ssf_stream SET status = 'enabled' WHERE id = ?").param(id).update();
        PushDeliveries other = new PushDeliveries(outbox, properties, audit, clock);
        try {
            Concurrently.run(List.of(deliveries::sendDue, other::sendDue));
        }
        finally {
            other.destroy();
        }

        Set<Object> states = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            assertThat(states.add(event(verified(receiver.next().set()), SignalTypes.VERIFICATION).get("state")))
                    .isTrue();
        }
        assertThat(receiver.pending()).as("no SET twice").isZero();
        assertThat(queued(id)).isZero();
    }

    private void setStatus(String id, String status) {
        AdminHttp.Reply changed = streams.postJson("/ssf/status",
                "{\"stream_id\": \"" + id + "\", \"status\": \"" + status + "\", \"reason\": \"test\"}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("status").asString()).isEqualTo(status);
    }

    /** Paused without a stream-updated event, so that only the test's SETs are queued. */
    private void holdPushes(String id) {
        jdbc.sql("UPDATE ssf_stream SET status = 'paused' WHERE id = ?").param(id).update();
    }

    private String tokenOfANewSignalsClient() {
        String registrar = http.clientCredentials("demo-registrar", "demo-registrar-secret", null)
                .field("access_token");
        Reply registered = http.postJson("/oauth2/register", registrar, """
                {"client_name": "Another receiver", "grant_types": ["client_credentials"], "scope": "ssf.manage"}""");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return http.clientCredentials(registered.field("client_id"), registered.field("client_secret"), "ssf.manage")
                .field("access_token");
    }

    private long queued(String streamId) {
        return jdbc.sql("SELECT COUNT(*) FROM ssf_set_outbox WHERE stream_id = ?").param(streamId)
                .query(Long.class).single();
    }

    private static void assertBadRequest(AdminHttp.Reply reply, String about) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json().path("error").asString()).isEqualTo("invalid_request");
        assertThat(reply.json().path("error_description").asString()).contains(about);
    }

    /** The failed attempt is written back (row released, not yet due) by the sender's thread. */
    private void awaitReleasedForRetry(String streamId) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (jdbc.sql("SELECT COUNT(*) FROM ssf_set_outbox WHERE stream_id = ? AND attempts = 1"
                + " AND lease_token IS NULL").param(streamId).query(Long.class).single() == 0) {
            assertThat(System.nanoTime()).as("the failed attempt was written back").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private void awaitEmpty(String streamId) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (queued(streamId) > 0) {
            assertThat(System.nanoTime()).as("the SET left the queue").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
