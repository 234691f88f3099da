package dev.tollgate.auth.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.tollgate.auth.support.OAuthHttp;
import dev.tollgate.auth.support.SharedAuthServerContext;
import dev.tollgate.testsupport.OnPostgres;
import dev.tollgate.testsupport.TestClock;

/**
 * Token requests while the audit trail's writer hangs on a table lock that another transaction holds (a long
 * migration, a slow backup, a stuck session): the requests finish as if nothing were wrong, and the events are
 * written once the lock goes.
 */
@OnPostgres
class WriterStuckOnALockOnPostgresTest extends SharedAuthServerContext {

    private static final int REQUESTS = 20;

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    StoredSecurityEvents events;

    @Autowired
    TestClock clock;

    @Test
    void tokenRequestsDoNotWaitForTheWriter() throws Exception {
        OAuthHttp http = new OAuthHttp(port);
        Instant since = clock.instant();
        EventQuery issued = new EventQuery(SecurityEventType.TOKEN_ISSUED, null, "demo-service", since, null);
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE security_event IN EXCLUSIVE MODE");
            }
            assertThat(tokenRequests(http, 1)).as("the first event gets the writer to the lock").containsOnly(200);
            awaitWriterWaitingForTheLock(lock);

            List<Integer> statuses = tokenRequests(http, REQUESTS);

            assertThat(statuses).hasSize(REQUESTS).containsOnly(200);
            assertThat(events.find(issued, 0, 1).totalElements()).as("still behind the lock").isZero();
            lock.rollback();
        }
        new StoredEventsProbe(events).await(issued, found -> found.size() == REQUESTS + 1);
    }

    /** The statuses of token requests made one after the other, failing if they take 30 seconds. */
    private static List<Integer> tokenRequests(OAuthHttp http, int count) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            List<Integer> answered = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                answered.add(http.clientCredentials("demo-service", "demo-service-secret", null).status());
            }
            return answered;
        }).get(30, TimeUnit.SECONDS);
    }

    /**
     * Until PostgreSQL shows someone waiting for the table's lock: only the writer inserts there. (The lock table,
     * not pg_stat_activity's query text, which can still show the connection's previous statement.)
     */
    private static void awaitWriterWaitingForTheLock(Connection connection) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Statement statement = connection.createStatement();
                    ResultSet waiting = statement.executeQuery(
                            "SELECT count(*) FROM pg_locks WHERE relation = 'security_event'::regclass AND NOT granted")) {
                waiting.next();
                if (waiting.getLong(1) > 0) {
                    return;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the writer never reached the lock");
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
