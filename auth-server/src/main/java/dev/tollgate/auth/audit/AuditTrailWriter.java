package dev.tollgate.auth.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Writes the audit trail behind the requests' backs. A request only puts its event in a bounded queue, which never
 * waits; one thread per instance takes the events out and inserts them in JDBC batches, every
 * {@code tollgate.events.flush-interval} or as soon as {@value #BATCH_SIZE} are waiting. When the queue is full or an
 * insert fails (the database is down or slow), events are dropped: counted in {@code tollgate.audit.events.dropped}
 * and reported with a warning at most every {@link #WARNING_INTERVAL}. The log line of each event is written anyway
 * ({@link AuditLog}), so a dropped event is missing from the table, not lost. At shutdown, after the web server has
 * finished its requests, whatever is still queued is written.
 */
@Component
public class AuditTrailWriter implements DisposableBean {

    static final int BATCH_SIZE = 500;

    static final Duration WARNING_INTERVAL = Duration.ofSeconds(10);

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private static final Duration STOP_CHECK = Duration.ofMillis(100);

    /** The shortest pause between two looks at how many events are waiting. */
    private static final Duration MIN_SLICE = Duration.ofMillis(1);

    private static final Logger log = LoggerFactory.getLogger(AuditTrailWriter.class);

    private final BlockingQueue<RecordedEvent> queue;

    private final StoredSecurityEvents store;

    private final long flushIntervalNanos;

    private final Counter droppedWhenFull;

    private final Counter droppedWhenWriteFailed;

    private final Counter droppedWhenStopped;

    private final AtomicLong droppedSinceWarning = new AtomicLong();

    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL.toNanos());

    private final Thread writer;

    private volatile boolean stopping;

    public AuditTrailWriter(StoredSecurityEvents store, AuditTrailProperties properties, MeterRegistry metrics) {
        this.store = store;
        this.queue = new LinkedBlockingQueue<>(properties.queueCapacity());
        this.flushIntervalNanos = properties.flushInterval().toNanos();
        this.droppedWhenFull = dropped(metrics, "queue_full");
        this.droppedWhenWriteFailed = dropped(metrics, "write_failed");
        this.droppedWhenStopped = dropped(metrics, "stopped");
        Gauge.builder("tollgate.audit.events.queued", queue, BlockingQueue::size)
                .description("Security events waiting to be written to the audit trail")
                .register(metrics);
        this.writer = new Thread(this::writeUntilStopped, "audit-trail-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Hands the event to the writer; never waits. */
    void submit(RecordedEvent event) {
        if (stopping) {
            droppedWhenStopped.increment();
            dropped(1, "the application is stopping");
        }
        else if (!queue.offer(event)) {
            droppedWhenFull.increment();
            dropped(1, "the queue is full");
        }
    }

    /** Writes what is still queued; the web server has finished its requests by now. */
    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        writer.join(SHUTDOWN_WAIT.toMillis());
    }

    private void writeUntilStopped() {
        List<RecordedEvent> batch = new ArrayList<>(BATCH_SIZE);
        while (!stopping) {
            collect(batch);
            write(batch);
        }
        do {
            batch.clear();
            queue.drainTo(batch, BATCH_SIZE);
            write(batch);
        }
        while (!batch.isEmpty());
    }

    /**
     * Waits for a first event, then lets the others gather in the queue until the flush interval has passed or a
     * batch is waiting, and takes them at once; returns early when stopping. It does not wait on the queue meanwhile:
     * a thread waiting on it is woken by every event put in, which at thousands of tokens a second costs the request
     * threads a wake-up each and the two cores a context switch each (bench/NOTES.md, session 8). Never interrupted
     * (an interrupt could break an insert under way): it looks at the stop flag at least every {@link #STOP_CHECK}.
     */
    private void collect(List<RecordedEvent> batch) {
        batch.clear();
        RecordedEvent first;
        try {
            first = queue.poll(STOP_CHECK.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ignored) {
            // this thread is the writer's own; it stops by the flag alone
            return;
        }
        if (first == null) {
            return;
        }
        batch.add(first);
        long deadline = System.nanoTime() + flushIntervalNanos;
        long slice = Math.max(MIN_SLICE.toNanos(), Math.min(flushIntervalNanos / 10, STOP_CHECK.toNanos()));
        for (long left = flushIntervalNanos; left > 0 && !stopping && queue.size() < BATCH_SIZE - 1;
                left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(Math.min(left, slice));
        }
        queue.drainTo(batch, BATCH_SIZE - 1);
    }

    private void write(List<RecordedEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            store.insert(batch);
        }
        catch (RuntimeException failed) {
            droppedWhenWriteFailed.increment(batch.size());
            dropped(batch.size(), "writing them failed: " + failed);
        }
    }

    private void dropped(int count, String why) {
        long total = droppedSinceWarning.addAndGet(count);
        long last = lastWarning.get();
        long now = System.nanoTime();
        if (now - last >= WARNING_INTERVAL.toNanos() && lastWarning.compareAndSet(last, now)) {
            droppedSinceWarning.addAndGet(-total);
            log.warn("Dropped {} security events from the audit trail (they are still in the log): {}", total, why);
        }
    }

    private static Counter dropped(MeterRegistry metrics, String reason) {
        return Counter.builder("tollgate.audit.events.dropped")
                .description("Security events left out of the audit trail table (still logged)")
                .tag("reason", reason)
                .register(metrics);
    }
}
