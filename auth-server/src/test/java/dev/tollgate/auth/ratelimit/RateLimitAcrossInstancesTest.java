package dev.tollgate.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.auth.AuthServerApplication;
import dev.tollgate.auth.support.OAuthHttp;
import dev.tollgate.ratelimit.RateLimiter;
import dev.tollgate.testsupport.EmbeddedPostgres;
import dev.tollgate.testsupport.TestClock;

/**
 * Two instances on one PostgreSQL database share their rate limits: a client sending its requests to both gets
 * its limit once, not once per instance, give or take what each instance may count before it tells the other.
 * Buckets that have filled up again are deleted by the cleanup job.
 */
class RateLimitAcrossInstancesTest {

    /** Per client and hour: nothing worth counting refills while the test runs. */
    private static final int LIMIT = 100;

    private static final int REQUESTS = 3 * LIMIT;

    @Test
    void twoInstancesTogetherAcceptAClientsLimitOnceAndForgetFullBuckets() throws Exception {
        String[] database = EmbeddedPostgres.argumentsFor("rate_limit_across_instances");
        try (ConfigurableApplicationContext first = start(database);
                ConfigurableApplicationContext second = start(database)) {
            List<OAuthHttp> instances = List.of(http(first), http(second));

            List<Integer> statuses = sendAlternately(instances, REQUESTS);

            long accepted = statuses.stream().filter(status -> status == 200).count();
            assertThat(statuses).as("accepted or refused").allMatch(status -> status == 200 || status == 429);
            // each instance may take up to a twentieth of the limit before the other hears of it
            long tolerance = RateLimiter.unsynchronizedTokens(LIMIT);
            assertThat(accepted).as("accepted by both instances together").isBetween((long) LIMIT, LIMIT + tolerance);

            JdbcClient jdbc = first.getBean(JdbcClient.class);
            assertThat(rows(jdbc)).as("the client's and the address's buckets").isEqualTo(2);
            // two hours later the buckets are full again (one was in debt by the overshoot), and a full bucket is a row nobody needs
            for (ConfigurableApplicationContext instance : List.of(first, second)) {
                instance.getBean(TestClock.class).advance(Duration.ofHours(2));
            }
            assertThat(first.getBean(ExpiredBucketCleanup.class).deleteExpired()).isEqualTo(2);
            assertThat(rows(jdbc)).isZero();
            assertThat(instances.get(1).clientCredentials("demo-service", "demo-service-secret", null).status())
                    .as("the client's limit is back").isEqualTo(200);
        }
    }

    private static List<Integer> sendAlternately(List<OAuthHttp> instances, int requests) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int request = 0; request < requests; request++) {
                OAuthHttp instance = instances.get(request % instances.size());
                Callable<Integer> tokenRequest = () -> instance
                        .clientCredentials("demo-service", "demo-service-secret", null).status();
                sent.add(clients.submit(tokenRequest));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : sent) {
                statuses.add(status.get());
            }
            return statuses;
        }
        finally {
            clients.shutdownNow();
        }
    }

    private static ConfigurableApplicationContext start(String[] database) {
        List<String> arguments = new ArrayList<>(List.of(database));
        arguments.addAll(List.of("--server.port=0", "--tollgate.rate-limit.per-client=" + LIMIT,
                "--tollgate.rate-limit.period=1h"));
        return new SpringApplicationBuilder(AuthServerApplication.class, TestClock.Config.class)
                .profiles("demo", "test")
                .run(arguments.toArray(String[]::new));
    }

    private static long rows(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM rate_limit_bucket").query(Long.class).single();
    }

    private static OAuthHttp http(ConfigurableApplicationContext context) {
        return new OAuthHttp(((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
