package dev.tollgate.auth.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The writer against a store whose insert hangs, as one stuck behind a database lock would: whoever records an event
 * never waits for it, a full queue drops events with a warning and a count, and stopping writes what is left.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditTrailWriterTest {

    private static final Duration LONG = Duration.ofHours(1);

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    private final HangingStore store = new HangingStore();

    private AuditTrailWriter writer;

    @AfterEach
    void stop() throws InterruptedException {
        store.release.countDown();
        if (writer != null) {
            writer.destroy();
        }
    }

    @Test
    void recordingNeverWaitsForAStuckInsertAndAFullQueueDropsWithAWarningAndACount(CapturedOutput output)
            throws Exception {
        writer = new AuditTrailWriter(store, new AuditTrailProperties(Duration.ofDays(30), 2, Duration.ZERO), metrics);
        writer.submit(event("first"));
        assertThat(store.insertStarted.await(5, TimeUnit.SECONDS)).as("the writer took the first event").isTrue();

        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            writer.submit(event("while-stuck-" + i));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("50 events recorded while the insert hangs").isLessThan(Duration.ofSeconds(1));
        assertThat(metrics.get("tollgate.audit.events.dropped").tag("reason", "queue_full").counter().count())
                .isEqualTo(48);
        assertThat(output.getAll()).contains("Dropped 1 security events from the audit trail")
                .contains("the queue is full");
        assertThat(metrics.get("tollgate.audit.events.queued").gauge().value()).isEqualTo(2);

        store.release.countDown();
        writer.destroy();
        assertThat(store.written()).containsExactly("first", "while-stuck-0", "while-stuck-1");
    }

    @Test
    void stoppingWritesEveryQueuedEventAtOnce() throws Exception {
        store.release.countDown();
        writer = new AuditTrailWriter(store, new AuditTrailProperties(Duration.ofDays(30), 100, LONG), metrics);
        for (int i = 0; i < 10; i++) {
            writer.submit(event("queued-" + i));
        }

        long start = System.nanoTime();
        writer.destroy();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the hour of the flush interval")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(store.written()).hasSize(10).first().isEqualTo("queued-0");
        writer.submit(event("after-stop"));
        assertThat(metrics.get("tollgate.audit.events.dropped").tag("reason", "stopped").counter().count())
                .as("nothing is written after the stop").isEqualTo(1);
    }

    @Test
    void aFullBatchIsWrittenWithoutWaitingForTheFlushInterval() throws Exception {
        store.release.countDown();
        writer = new AuditTrailWriter(store, new AuditTrailProperties(Duration.ofDays(30), 10_000, LONG), metrics);
        for (int i = 0; i < AuditTrailWriter.BATCH_SIZE + 1; i++) {
            writer.submit(event("busy-" + i));
        }

        assertThat(store.insertStarted.await(5, TimeUnit.SECONDS)).as("not the hour of the flush interval").isTrue();
        writer.destroy();
        assertThat(store.batchSizes).first().isEqualTo(AuditTrailWriter.BATCH_SIZE);
        assertThat(store.written()).first().isEqualTo("busy-0");
    }

    @Test
    void aFailedInsertDropsItsBatchAndCountsIt(CapturedOutput output) throws Exception {
        store.failing = true;
        store.release.countDown();
        writer = new AuditTrailWriter(store, new AuditTrailProperties(Duration.ofDays(30), 100, LONG), metrics);
        writer.submit(event("lost"));
        writer.destroy();

        assertThat(metrics.get("tollgate.audit.events.dropped").tag("reason", "write_failed").counter().count())
                .isEqualTo(1);
        assertThat(output.getAll()).contains("Dropped 1 security events from the audit trail")
                .contains("the database is down");
    }

    private static RecordedEvent event(String name) {
        return new RecordedEvent(null, Instant.now(), SecurityEventType.TOKEN_ISSUED, null, "demo-service", null,
                Map.of("name", name));
    }

    /** A store whose inserts wait until released, as an INSERT behind another transaction's lock does. */
    private static final class HangingStore extends StoredSecurityEvents {

        final CountDownLatch insertStarted = new CountDownLatch(1);

        final CountDownLatch release = new CountDownLatch(1);

        final List<RecordedEvent> rows = new CopyOnWriteArrayList<>();

        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

        volatile boolean failing;

        HangingStore() {
            super(null, null);
        }

        @Override
        void insert(List<RecordedEvent> events) {
            insertStarted.countDown();
            try {
                release.await();
            }
            catch (InterruptedException interrupted) {
                throw new IllegalStateException(interrupted);
            }
            if (failing) {
                throw new IllegalStateException("the database is down");
            }
            batchSizes.add(events.size());
            rows.addAll(events);
        }

        List<String> written() {
            return rows.stream().map(event -> event.details().get("name")).toList();
        }
    }
}
