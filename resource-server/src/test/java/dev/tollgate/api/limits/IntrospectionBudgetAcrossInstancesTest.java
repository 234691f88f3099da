package dev.tollgate.api.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.api.support.AccessTokens;
import dev.tollgate.api.support.FakeAuthorizationServer;
import dev.tollgate.api.support.LoopbackCaller;
import dev.tollgate.api.support.StandaloneApi;
import dev.tollgate.ratelimit.RateLimiter;
import dev.tollgate.testsupport.EmbeddedPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two API instances on one PostgreSQL database share each caller's introspection budget: made-up opaque tokens from
 * one address, sent to both in turn, reach the auth server about the budget once, not once per instance; a caller
 * whose tokens are active is held back by neither.
 */
class IntrospectionBudgetAcrossInstancesTest {

    /** Per address and hour: nothing worth counting refills while the test runs. */
    private static final int BUDGET = 20;

    private static final FakeAuthorizationServer AUTH_SERVER = new FakeAuthorizationServer().start();
    private static final List<ConfigurableApplicationContext> INSTANCES = new ArrayList<>();

    @BeforeAll
    static void startTwoInstancesOnOneDatabase() {
        List<String> arguments = new ArrayList<>(List.of(
                EmbeddedPostgres.argumentsFor("introspection_budget_across_instances")));
        arguments.add("--tollgate.api.introspection.unknown-tokens-per-address=" + BUDGET);
        arguments.add("--tollgate.api.introspection.unknown-tokens-period=1h");
        for (int instance = 0; instance < 2; instance++) {
            INSTANCES.add(StandaloneApi.start(AUTH_SERVER, arguments.toArray(String[]::new)));
        }
    }

    @AfterAll
    static void stop() {
        INSTANCES.forEach(ConfigurableApplicationContext::close);
        AUTH_SERVER.stop();
    }

    @Test
    void madeUpTokensFromOneAddressReachTheAuthServerAboutTheBudgetOnceWhicheverInstanceTheyAreSentTo() {
        List<LoopbackCaller> attacker = callersFrom("127.0.0.8");
        int before = AUTH_SERVER.introspectionRequests();

        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 0; attempt < 3 * BUDGET; attempt++) {
            statuses.add(attacker.get(attempt % 2).get("/api/books/1", FakeAuthorizationServer.randomOpaqueToken())
                    .status());
        }

        int introspected = AUTH_SERVER.introspectionRequests() - before;
        // each instance may take up to a twentieth of the budget before the other hears of it
        assertThat(introspected).as("introspections by both instances together")
                .isBetween(BUDGET, BUDGET + (int) RateLimiter.unsynchronizedTokens(BUDGET));
        assertThat(statuses).as("inactive or refused").allMatch(status -> status == 401 || status == 429);
        assertThat(statuses.stream().filter(status -> status == 401).count()).isEqualTo(introspected);

        INSTANCES.get(0).getBean(IntrospectionBudget.class).deleteFullBudgets();
        assertThat(INSTANCES.get(1).getBean(JdbcClient.class)
                .sql("SELECT count(*) FROM rate_limit_bucket WHERE id LIKE 'unknown-tokens:127.0.0.8@%'")
                .query(Long.class).single()).as("a spent budget is kept: only full ones are deleted").isOne();
        assertThat(attacker.get(1).get("/api/books/1", FakeAuthorizationServer.randomOpaqueToken()).status())
                .isEqualTo(429);
    }

    @Test
    void aCallerWhoseTokensAreActiveIsHeldBackByNeitherInstance() {
        List<LoopbackCaller> gateway = callersFrom("127.0.0.9");

        for (int token = 0; token < 3 * BUDGET; token++) {
            assertThat(gateway.get(token % 2).get("/api/books/1", opaqueServiceToken()).status())
                    .as("token %d", token).isEqualTo(200);
        }
    }

    /** One caller at {@code address}, as seen by each instance. */
    private static List<LoopbackCaller> callersFrom(String address) {
        return INSTANCES.stream().map(instance -> new LoopbackCaller(
                "http://localhost:" + instance.getEnvironment().getProperty("local.server.port"), address)).toList();
    }

    private static String opaqueServiceToken() {
        return AUTH_SERVER.issueOpaqueToken(Map.of("sub", "demo-service-opaque", "client_id", "demo-service-opaque",
                "scope", "books.read", "aud", List.of(AccessTokens.AUDIENCE)));
    }
}
