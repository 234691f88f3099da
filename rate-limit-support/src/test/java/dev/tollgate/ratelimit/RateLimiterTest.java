package dev.tollgate.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DelegatingDataSource;

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

    @Test
    void aRequestGivenBackCanBeTakenAgainOnceWhicheverInstanceGaveItBack() throws Exception {
        DataSource database = bucketTable("rate-limiter-give-back");
        RateLimiter first = limiter(database);
        RateLimiter second = limiter(database);
        for (int request = 0; request < 3; request++) {
            assertThat(first.tryTake("unknown-tokens:192.0.2.3", 3)).isEmpty();
        }
        assertThat(first.tryTake("unknown-tokens:192.0.2.3", 3)).isPresent();

        second.giveBack("unknown-tokens:192.0.2.3", 3);
        second.giveBack("unknown-tokens:192.0.2.3", 3);

        int accepted = 0;
        for (int request = 0; request < 10; request++) {
            RateLimiter instance = request % 2 == 0 ? first : second;
            accepted += instance.tryTake("unknown-tokens:192.0.2.3", 3).isEmpty() ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(2);
    }

    @Test
    void onlyTheRowsOfBucketsThatHaveFilledUpAgainAreDeletedAndADeletedBucketCountsAfresh() throws Exception {
        DataSource database = bucketTable("rate-limiter-cleanup");
        BucketTable table = new BucketTable(database, BucketTable.timeOf(clock));
        RateLimiter limiter = limiter(database);
        // one request of 100 per hour refills in 36 s
        assertThat(limiter.tryTake("address:192.0.2.4", 100)).isEmpty();
        clock.advance(Duration.ofMinutes(30));
        assertThat(limiter.tryTake("address:192.0.2.5", 100)).isEmpty();

        assertThat(table.deleteFullBuckets()).as("the bucket of 30 minutes ago").isOne();
        assertThat(table.deleteFullBuckets()).as("again, on another instance").isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(table.deleteFullBuckets()).isOne();

        for (int request = 0; request < 100; request++) {
            assertThat(limiter.tryTake("address:192.0.2.4", 100)).as("request %d", request).isEmpty();
        }
        assertThat(limiter.tryTake("address:192.0.2.4", 100)).isPresent();
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
        // The threads that found the row gone start over on a new bucket while the others finish on the old one, each
        // with at most its unsynchronized share (how many do depends on the scheduling: on a loaded machine, several).
        // A batch that did not count would grant a second 100.
        assertThat(takenInParallel(first, "client:parallel", 100))
                .isBetween(100, 100 + THREADS * (int) RateLimiter.unsynchronizedTokens(100));
        assertThat(takenInParallel(second, "client:parallel", 100)).as("what the other instance has not heard of yet")
                .isLessThanOrEqualTo((int) RateLimiter.unsynchronizedTokens(100));
    }

    /** Eight threads taking 20 each at once: answers how many were granted. */
    private static final int THREADS = 8;

    private static int takenInParallel(RateLimiter limiter, String key, long capacity) throws Exception {
        Callable<Integer> twenty = () -> {
            int granted = 0;
            for (int request = 0; request < 20; request++) {
                granted += limiter.tryTake(key, capacity).isEmpty() ? 1 : 0;
            }
            return granted;
        };
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            int granted = 0;
            for (Future<Integer> thread : threads.invokeAll(Collections.nCopies(THREADS, twenty))) {
                granted += thread.get();
            }
            return granted;
        }
        finally {
            threads.shutdownNow();
        }
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
        limiter.giveBack("sign-in:192.0.2.2", 3);
        assertThat(limiter.tryTake("sign-in:192.0.2.2", 3)).isEmpty();
    }

    private RateLimiter limiter(DataSource database) {
        return new RateLimiter(PERIOD, Duration.ofMillis(50), new BucketTable(database, BucketTable.timeOf(clock)),
                BucketTable.timeOf(clock));
    }

    /** The table as {@link BucketTable} describes it, which each application's migration creates. */
    private static DataSource bucketTable(String name) throws SQLException {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL(TestDatabases.h2(name));
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE rate_limit_bucket (id text NOT NULL PRIMARY KEY, state bytea, "
                    + "expires_at timestamp with time zone NOT NULL)");
            statement.execute("CREATE INDEX rate_limit_bucket_expires_at ON rate_limit_bucket (expires_at)");
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
