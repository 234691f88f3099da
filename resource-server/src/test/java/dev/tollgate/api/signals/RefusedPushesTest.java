package dev.tollgate.api.signals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.api.support.FakeAuthorizationServer;
import dev.tollgate.api.support.SecurityEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushes the receiver must refuse (RFC 8935 §2.4): each would revoke a token the API accepts, and afterwards the
 * token is still accepted.
 */
class RefusedPushesTest extends SignalsTestBase {

    private String user;
    private String token;
    private String jti;

    @BeforeEach
    void aTokenTheApiAccepts() {
        user = UUID.randomUUID().toString();
        token = TOKENS.alice("books.read").subject(user).sign();
        jti = RevocationTest.jtiOf(token);
        assertThat(api.get("/api/books", token).status()).isEqualTo(200);
    }

    private SecurityEvents.Draft revokingTheToken() {
        return EVENTS.grantRevoked(user, "grant-" + UUID.randomUUID(), List.of(jti));
    }

    @Test
    void aSetSignedWithAKeyTheAuthServerDoesNotPublishIsRefused() {
        assertRefused(push(revokingTheToken().signedWith(FakeAuthorizationServer.newRsaKey()).sign()), 400, "invalid_key");
        assertStillAccepted();
    }

    @Test
    void anUnsignedSetIsRefused() {
        assertRefused(push(revokingTheToken().unsigned()), 400, "invalid_request");
        assertStillAccepted();
    }

    @Test
    void aSetOfAnotherIssuerIsRefused() {
        assertRefused(push(revokingTheToken().issuer("https://evil.example").sign()), 400, "invalid_issuer");
        assertStillAccepted();
    }

    @Test
    void aSetForAnotherReceiverIsRefused() {
        assertRefused(push(revokingTheToken().audience("another-receiver").sign()), 400, "invalid_audience");
        assertStillAccepted();
    }

    @Test
    void anAccessTokenOrOtherJwtPushedAsASetIsRefused() {
        assertRefused(push(revokingTheToken().type("at+jwt").sign()), 400, "invalid_request");
        assertRefused(push(revokingTheToken().type(null).sign()), 400, "invalid_request");
        assertStillAccepted();
    }

    @Test
    void aSetFromTheFutureIsRefused() {
        assertRefused(push(revokingTheToken().issuedAt(Instant.now().plusSeconds(600)).sign()), 400, "invalid_request");
        assertStillAccepted();
    }

    @Test
    void aReplayedSetIsAcknowledgedButChangesNothing() {
        String user2 = UUID.randomUUID().toString();
        String token2 = TOKENS.alice("books.read").subject(user2).sign();
        String jtiOfSet = "set-" + UUID.randomUUID();
        assertAccepted(push(EVENTS.grantRevoked(user2, "grant-" + UUID.randomUUID(), List.of(RevocationTest.jtiOf(token2)))
                .jti(jtiOfSet).sign()));

        assertAccepted(push(revokingTheToken().jti(jtiOfSet).sign()));
        assertStillAccepted();
    }

    @Test
    void aSetPushedManyTimesAtOnceIsAcknowledgedEachTimeAndTakesEffect() throws Exception {
        String set = revokingTheToken().sign();
        String secret = streamSecret();
        int pushes = 8;
        ExecutorService threads = Executors.newFixedThreadPool(pushes);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < pushes; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return push(set, secret).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertThat(statuses).as("each one acknowledged, the first applied").containsOnly(202);
        } finally {
            threads.shutdownNow();
        }
        RevocationTest.assertRevoked(api.get("/api/books", token));
    }

    @Test
    void aPushWithoutTheStreamsSecretIsRefusedSoThatTheTransmitterTriesAgain() {
        String set = revokingTheToken().sign();
        assertRefused(push(set, null), 401, "authentication_failed");
        assertRefused(push(set, "Bearer not-the-secret"), 401, "authentication_failed");
        assertStillAccepted();

        assertAccepted(push(set));
        RevocationTest.assertRevoked(api.get("/api/books", token));
    }

    @Test
    void aPushThatIsNotASetIsRefused() {
        assertRefused(push("not a jwt"), 400, "invalid_request");
        assertRefused(push(""), 400, "invalid_request");
        ApiResponse json = api.exchange(HttpMethod.POST, "/signals/events",
                headers -> headers.set("Authorization", streamSecret()), revokingTheToken().sign(), MediaType.APPLICATION_JSON);
        assertRefused(json, 400, "invalid_request");
        assertStillAccepted();
    }

    @Test
    void noBearerTokenIsNeededButOtherMethodsAndPathsStayClosed() {
        assertThat(api.get("/signals/events", null).status()).isIn(401, 403, 405);
        assertThat(api.post("/signals/other", null, "{}").status()).isEqualTo(401);
    }

    private void assertStillAccepted() {
        assertThat(api.get("/api/books", token).status()).isEqualTo(200);
    }
}
