package dev.tollgate.auth.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.auth.support.AdminApiTest;
import dev.tollgate.auth.support.AdminHttp;

/**
 * A test of the Shared Signals transmitter: {@link #receiver} is a push endpoint, {@link #streams} calls the stream
 * API with a fresh token of {@value #RECEIVER_CLIENT} (scope ssf.manage), and every stream a test creates is deleted
 * after it, so that no other test's events pile up for it.
 */
abstract class SignalsTest extends AdminApiTest {

    private static final int MOST_SETS_SKIPPED = 2_000;

    static final String RECEIVER_CLIENT = "resource-server-signals";

    static final String RECEIVER_SECRET = "resource-server-signals-secret";

    static final String ALL_EVENTS = "[\"" + String.join("\", \"", SignalTypes.SUPPORTED) + "\"]";

    SetReceiver receiver;

    AdminHttp streams;

    @Autowired
    JdbcClient jdbc;

    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new SetReceiver();
        streams = AdminHttp.withToken(http, receiverToken());
    }

    // in the database: the test may have moved the clock past any token's lifetime
    @AfterEach
    void deleteStreamsAndStopReceiver() {
        created.forEach(id -> jdbc.sql("DELETE FROM ssf_stream WHERE id = ?").param(id).update());
        receiver.close();
    }

    String receiverToken() {
        return http.clientCredentials(RECEIVER_CLIENT, RECEIVER_SECRET, "ssf.manage").field("access_token");
    }

    /** A push stream to {@link #receiver} requesting {@code eventsJson}, with an Authorization header of its own. */
    String pushStream(String eventsJson) {
        return stream("""
                {"events_requested": %s, "description": "test receiver",
                 "delivery": {"method": "urn:ietf:rfc:8935", "endpoint_url": "%s",
                              "authorization_header": "Bearer receiver-secret"}}""".formatted(eventsJson,
                receiver.uri()));
    }

    String stream(String json) {
        AdminHttp.Reply reply = streams.postJson("/ssf/streams", json);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        String id = reply.json().path("stream_id").asString();
        created.add(id);
        return id;
    }

    /**
     * The claims of the next pushed SET of this type that {@code matching} accepts, verified. Others may come first:
     * the tests share the server, and a test that moves the clock past the session timeout ends every session
     * earlier tests left, each with its SETs.
     */
    JWTClaimsSet nextSet(String eventType, Predicate<JWTClaimsSet> matching) throws Exception {
        for (int skipped = 0; skipped < MOST_SETS_SKIPPED; skipped++) {
            SetReceiver.Received push = receiver.next();
            JWTClaimsSet set = verified(push.set());
            if (events(set).containsKey(eventType) && matching.test(set)) {
                return set;
            }
        }
        throw new AssertionError("no " + eventType + " among " + MOST_SETS_SKIPPED + " SETs");
    }

    /** The SET's claims if its signature verifies against the published keys and its {@code typ} is right. */
    JWTClaimsSet verified(String set) throws Exception {
        JWKSet keys = JWKSet.parse(http.get("/oauth2/jwks").body());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("secevent+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
        // the test clock, not the system's, is the server's time
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        return processor.process(set, null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> event(JWTClaimsSet set, String eventType) {
        return (Map<String, Object>) events(set).get(eventType);
    }

    static Map<String, Object> events(JWTClaimsSet set) {
        try {
            return set.getJSONObjectClaim("events");
        }
        catch (ParseException notAnObject) {
            throw new AssertionError(notAnObject);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> subject(JWTClaimsSet set) {
        return (Map<String, Object>) set.getClaim("sub_id");
    }

    static Predicate<JWTClaimsSet> aboutUser(String userId) {
        return set -> userId.equals(subject(set).get("sub")) || subject(set).get("user") instanceof Map<?, ?> user
                && userId.equals(user.get("sub"));
    }
}
