package dev.tollgate.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.OAuthHttp;
import dev.tollgate.testsupport.TestDatabases;

/**
 * A resource server checks opaque tokens by introspecting each one again whenever its cache of answers runs out
 * (every 5 seconds by default), so its rate follows the API's traffic, not anything it could slow down. With the
 * production limits (application.yml), an API serving 100 live opaque tokens makes a minute's worth of
 * introspection calls in quick succession, from one address as one client, and is never refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=" + TestDatabases.IN_MEMORY_H2 + "auth-server-busy-api"
                + TestDatabases.IN_MEMORY_H2_SETTINGS,
        // application.yml's defaults, which the test profile lifts for everything else
        "tollgate.rate-limit.per-address=600",
        "tollgate.rate-limit.per-client=300"})
@ActiveProfiles({"demo", "test"})
class BusyApiIntrospectionTest {

    private static final int LIVE_TOKENS = 100;
    /** A minute of a 5-second cache: each token is asked about 12 times. */
    private static final int ROUNDS = 12;

    @LocalServerPort
    int port;

    @Test
    void anApiIntrospectingAHundredLiveOpaqueTokensForAMinuteNeverGets429() throws Exception {
        OAuthHttp http = new OAuthHttp(port);
        List<String> tokens = new ArrayList<>();
        for (int issued = 0; issued < LIVE_TOKENS; issued++) {
            Reply token = http.clientCredentials("demo-service-opaque", "demo-service-opaque-secret", "books.read");
            assertThat(token.status()).as(token.toString()).isEqualTo(200);
            tokens.add(token.field("access_token"));
        }

        List<Reply> answers = new ArrayList<>();
        ExecutorService api = Executors.newFixedThreadPool(4);
        try {
            List<Future<Reply>> calls = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (String token : tokens) {
                    calls.add(api.submit(() -> http.introspect(token)));
                }
            }
            for (Future<Reply> call : calls) {
                answers.add(call.get());
            }
        } finally {
            api.shutdownNow();
        }

        assertThat(answers).hasSize(LIVE_TOKENS * ROUNDS);
        assertThat(answers).filteredOn(answer -> answer.status() != 200).as("refused or failed").isEmpty();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.json().path("active").asBoolean()).isTrue());
    }
}
