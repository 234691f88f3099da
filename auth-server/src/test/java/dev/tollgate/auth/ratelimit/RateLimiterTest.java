package dev.tollgate.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.testsupport.TestClock;
import dev.tollgate.testsupport.TestDatabases;

/**
 * The shared buckets on H2, without the server around them: how often they go to the database, that two instances
 * count against one limit, and what happens when the database is gone. The clock stands still, so only the count
 * of tokens decides when an instance writes to the database.
 */
class RateLimiterTest {

    private static final Duration PERIOD = Duration.ofHours(1);

    private final TestClock clock = TestClock.stoppedAt(Instant.parse("2026-12-03T10:00:00Z"));

    @Test
    void aBusyBucketGoesToTheDatabaseOncePerTwentiethOfItsLimitAndARefusalNever() throws Exception {
        CountingDataSource database = new CountingDataSource(bucketTable("rate-limiter-busy"));
        RateLimiter limiter = limiter(database);

        for (int request = 0; request < 1000; request++) {
            assertThat(limiter.tryTake("client:busy", 1000)).as("request %d", request).isEmpty();
        }
        int roundTrips = database.connections.get();
        assertThat(limiter.tryTake("client:busy", 1000)).isPresent();
        for (int request = 0; request < 1000; request++) {
            assertThat(limiter.tryTake("client:busy", 1000)).isPresent();
        }

        // a first transaction inserts the row, then one every 50 tokens
        assertThat(roundTrips).isBetween(1000 / 50, 1000 / 50 + 2);
        assertThat(database.connections.get() - roundTrips).as("round trips for 1001 refusals").isLessThanOrEqualTo(1);
    }

    @Test
    void twoInstancesOnOneDatabaseCountAgainstOneLimit() throws Exception {
        DataSource database = bucketTable("rate-limiter-two-instances");
        RateLimiter first = limiter(database);
        RateLimiter second = limiter(database);

        int accepted = 0;
        for (int request = 0; request < 300; request++) {
            RateLimiter instance = request % 2 == 0 ? first : second;
            accepted += instance.tryTake("address:192.0.2.1", 100).isEmpty() ? 1 : 0;
        }

        assertThat(accepted).isBetween(100, 100 + (int) RateLimiter.unsynchronizedTokens(100));
    }

    /**
     * Parallel requests of an instance are batched into one transaction by Bucket4j; a batch finding no row, for a
     * new key or one whose full bucket the cleanup deleted, must still count in the shared bucket.
     */
    @Test
    void parallelRequestsOnANewOrCleanedUpBucketCountInTheSharedOne() throws Exception {
        DataSource database = bucketTable("rate-limiter-parallel");
        RateLimiter first = limiter(database);
        RateLimiter second = limiter(database);

        assertThat(takenInParallel(first, "client:parallel", 100)).isEqualTo(100);
        assertThat(takenInParallel(second, "client:parallel", 100)).as("what the other instance has not heard of yet")
                .isLessThanOrEqualTo((int) RateLimiter.unsynchronizedTokens(100));

        clock.advance(PERIOD);
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("DELETE FROM rate_limit_bucket")).as("full again, cleaned up").isOne();
        }
        // the threads that found the row gone start over on a new bucket while the others finish on the old one
        assertThat(takenInParallel(first, "client:parallel", 100))
                .isBetween(100, 100 + (int) RateLimiter.unsynchronizedTokens(100));
        assertThat(takenInParallel(second, "client:parallel", 100)).as("what the other instance has not heard of yet")
                .isLessThanOrEqualTo((int) RateLimiter.unsynchronizedTokens(100));
    }

    /** Eight threads taking 20 each at once: answers how many were granted. */
    private static int takenInParallel(RateLimiter limiter, String key, long capacity) {
        AtomicInteger granted = new AtomicInteger();
        Concurrently.times(8, () -> {
            for (int request = 0; request < 20; request++) {
                if (limiter.tryTake(key, capacity).isEmpty()) {
                    granted.incrementAndGet();
                }
            }
            return null;
        });
        return granted.get();
    }

    @Test
    void withoutItsDatabaseAnInstanceStillLimitsOnItsOwnAndAnswersNoError() {
        DataSource unreachable = new DelegatingDataSource(new JdbcDataSource()) {
            @Override
            public Connection getConnection() throws SQLException {
                throw new SQLTransientConnectionException("Connection is not available, request timed out");
            }
        };
        RateLimiter limiter = limiter(unreachable);

        for (int request = 0; request < 3; request++) {
            assertThat(limiter.tryTake("sign-in:192.0.2.2", 3)).isEmpty();
        }
        assertThat(limiter.tryTake("sign-in:192.0.2.2", 3)).hasValueSatisfying(retryAfter ->
                assertThat(retryAfter).isPositive());
        assertThat(limiter.checkWithoutTaking("sign-in:192.0.2.2", 3)).isPresent();
    }

    private RateLimiter limiter(DataSource database) {
        return new RateLimiter(PERIOD, Duration.ofMillis(50), new BucketTable(database, BucketTable.timeOf(clock)),
                BucketTable.timeOf(clock));
    }

    private static DataSource bucketTable(String name) throws IOException, SQLException {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL(TestDatabases.h2(name));
        try (InputStream migration = RateLimiterTest.class.getResourceAsStream(
                "/db/migration/V46__rate_limit_buckets.sql");
                Connection connection = database.getConnection();
                Statement statement = connection.createStatement()) {
            String sql = new String(migration.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            for (String command : sql.split(";")) {
                if (!command.isBlank()) {
                    statement.execute(command);
                }
            }
        }
        return database;
    }

    private static final class CountingDataSource extends DelegatingDataSource {

        final AtomicInteger connections = new AtomicInteger();

        CountingDataSource(DataSource database) {
            super(database);
        }

        @Override
        public Connection getConnection() throws SQLException {
            connections.incrementAndGet();
            return super.getConnection();
        }
    }
}
