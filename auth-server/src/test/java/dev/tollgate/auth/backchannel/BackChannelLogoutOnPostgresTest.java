package dev.tollgate.auth.backchannel;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.tollgate.auth.support.Browser;
import dev.tollgate.testsupport.OnPostgres;

/**
 * The same on PostgreSQL: the outbox's claims keep two senders from sending one logout token twice, and the row locks
 * of the expiry sweep keep two instances from ending one expired session twice.
 */
@OnPostgres
class BackChannelLogoutOnPostgresTest extends BackChannelLogoutTest {

    @Autowired
    DataSource dataSource;

    /**
     * One instance is in the middle of ending the expired sessions (its first logout token waits for the table lock
     * this test holds) when another instance sweeps: the other passes those sessions over rather than telling their
     * clients a second time.
     */
    @Test
    void twoInstancesSweepingAtOnceSendOneTokenPerExpiredSession() throws Exception {
        List<Browser> browsers = List.of(new Browser(http.baseUrl()), new Browser(http.baseUrl()),
                new Browser(http.baseUrl()));
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            Set<String> sids = new HashSet<>();
            for (Browser browser : browsers) {
                sids.add(idTokenOf(signIn(browser)).getStringClaim("sid"));
            }
            clock.advance(sessionTimeout().plusSeconds(1));

            Future<Integer> first;
            Future<Integer> second;
            try (Connection held = dataSource.getConnection(); Statement statement = held.createStatement()) {
                held.setAutoCommit(false);
                statement.execute("LOCK TABLE backchannel_logout_outbox IN EXCLUSIVE MODE");
                first = instances.submit(expiredSessions::endExpired);
                awaitWaitingForTheOutbox(first, 1);
                second = instances.submit(expiredSessions::endExpired);
                // a second sweep that took the same sessions would wait here too, to queue their tokens again
                awaitWaitingForTheOutbox(second, 2);
                held.commit();
            }

            assertThat(second.get(30, TimeUnit.SECONDS)).as("the other instance's sessions passed over").isZero();
            assertThat(first.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(sids.size());
            Set<String> told = new HashSet<>();
            for (int i = 0; i < sids.size(); i++) {
                told.add(verified(receiver.next().logoutToken()).getStringClaim("sid"));
            }
            assertThat(told).isEqualTo(sids);
            awaitOutboxEmpty();
            assertThat(receiver.pending()).as("no token twice").isZero();
        }
        finally {
            instances.shutdownNow();
            browsers.forEach(Browser::close);
        }
    }

    /** Until {@code sweep} is done or {@code waiting} transactions wait to write to the outbox. */
    private void awaitWaitingForTheOutbox(Future<Integer> sweep, int waiting) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!sweep.isDone() && jdbc.sql("SELECT COUNT(*) FROM pg_locks WHERE NOT granted"
                + " AND relation = 'backchannel_logout_outbox'::regclass").query(Long.class).single() < waiting) {
            assertThat(System.nanoTime()).as("the sweep reached the outbox").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
