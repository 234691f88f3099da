package dev.tollgate.ratelimit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;

/**
 * The buckets of every instance in table {@code rate_limit_bucket}: Bucket4j's select-for-update protocol (lock the
 * row, or insert an empty one and retry; apply the command; write the new state) with statements that PostgreSQL and
 * H2 in PostgreSQL mode both run. Bucket4j's own PostgreSQL proxy managers do not run on H2: one names the conflict
 * target ({@code ON CONFLICT (id)}), which H2 does not parse, the other takes advisory locks, which H2 does not have.
 * Each row's {@code expires_at} is when its bucket will have filled up again, on the application's clock: from then
 * on a missing row means the same as the stored one, and {@link #deleteFullBuckets()} deletes it.
 * <p>
 * Each application creates the table in its own database with a migration of its own:
 * {@code id text PRIMARY KEY, state bytea, expires_at timestamp with time zone NOT NULL}, with an index on
 * {@code expires_at}.
 */
public final class BucketTable extends AbstractSelectForUpdateBasedProxyManager<String> {

    private static final ExpirationAfterWriteStrategy UNTIL_FULL =
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO);

    private final DataSource dataSource;
    private final TimeMeter time;

    public BucketTable(DataSource dataSource, TimeMeter time) {
        super(ClientSideConfig.getDefault().withClientClock(time));
        this.dataSource = dataSource;
        this.time = time;
    }

    /** Nothing removes a bucket by hand: {@link #deleteFullBuckets()} deletes the rows of full ones. */
    @Override
    public void removeProxy(String key) {
        throw new UnsupportedOperationException("rate-limit buckets expire, they are not removed");
    }

    /**
     * Deletes the rows whose buckets have filled up again: every key that was ever counted leaves one, and a full
     * bucket counts for nothing. Safe on several instances at once: a row is deleted once, and a row that an
     * instance is writing is locked, so its new {@code expires_at} is what the delete then looks at. Answers how
     * many rows it deleted.
     */
    public int deleteFullBuckets() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM rate_limit_bucket WHERE expires_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(now()));
            return delete.executeUpdate();
        }
        catch (SQLException failed) {
            throw new IllegalStateException("could not delete the full rate-limit buckets", failed);
        }
    }

    @Override
    protected SelectForUpdateBasedTransaction allocateTransaction(String key, Optional<Long> timeoutNanos) {
        try {
            return new RowTransaction(dataSource.getConnection(), key);
        }
        catch (SQLException failed) {
            throw new BucketExceptions.BucketExecutionException(failed);
        }
    }

    private final class RowTransaction implements SelectForUpdateBasedTransaction {

        private final Connection connection;
        private final String key;

        RowTransaction(Connection connection, String key) {
            this.connection = connection;
            this.key = key;
        }

        @Override
        public void begin(Optional<Long> timeoutNanos) {
            run(() -> connection.setAutoCommit(false));
        }

        @Override
        public LockAndGetResult tryLockAndGet(Optional<Long> timeoutNanos) {
            return call(() -> {
                try (PreparedStatement select = prepare("SELECT state FROM rate_limit_bucket WHERE id = ? FOR UPDATE",
                        timeoutNanos)) {
                    select.setString(1, key);
                    try (ResultSet row = select.executeQuery()) {
                        return row.next() ? LockAndGetResult.locked(row.getBytes(1)) : LockAndGetResult.notLocked();
                    }
                }
            });
        }

        /** An empty row to lock next time; false when another instance inserted it first. */
        @Override
        public boolean tryInsertEmptyData(Optional<Long> timeoutNanos) {
            return call(() -> {
                try (PreparedStatement insert = prepare("INSERT INTO rate_limit_bucket (id, state, expires_at) "
                        + "VALUES (?, NULL, ?) ON CONFLICT DO NOTHING", timeoutNanos)) {
                    insert.setString(1, key);
                    insert.setTimestamp(2, Timestamp.from(now()));
                    return insert.executeUpdate() == 1;
                }
            });
        }

        @Override
        public void update(byte[] data, RemoteBucketState newState, Optional<Long> timeoutNanos) {
            run(() -> {
                try (PreparedStatement update = prepare(
                        "UPDATE rate_limit_bucket SET state = ?, expires_at = ? WHERE id = ?", timeoutNanos)) {
                    long nanos = time.currentTimeNanos();
                    Instant full = now().plusMillis(UNTIL_FULL.calculateTimeToLiveMillis(newState, nanos));
                    update.setBytes(1, data);
                    update.setTimestamp(2, Timestamp.from(full));
                    update.setString(3, key);
                    update.executeUpdate();
                }
            });
        }

        @Override
        public void commit(Optional<Long> timeoutNanos) {
            run(connection::commit);
        }

        @Override
        public void rollback() {
            run(connection::rollback);
        }

        @Override
        public void release() {
            run(connection::close);
        }

        private PreparedStatement prepare(String sql, Optional<Long> timeoutNanos) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql);
            applyTimeout(statement, timeoutNanos);
            return statement;
        }
    }

    private Instant now() {
        return Instant.EPOCH.plusNanos(time.currentTimeNanos());
    }

    private static void run(SqlAction action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    private static <T> T call(SqlCall<T> call) {
        try {
            return call.call();
        }
        catch (SQLException failed) {
            throw new BucketExceptions.BucketExecutionException(failed);
        }
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    /** Bucket4j's clock on the application's {@link Clock}, in wall-clock milliseconds as its default. */
    public static TimeMeter timeOf(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }
}
