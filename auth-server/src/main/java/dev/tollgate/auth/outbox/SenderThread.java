package dev.tollgate.auth.outbox;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one thread an outbox's sender works on: it sweeps every interval and when woken after a commit that queued
 * rows ({@link AfterCommit}); wake-ups that come while one is pending are one. Used by the back-channel logout and
 * Shared Signals senders.
 */
public final class SenderThread {

    private final ScheduledExecutorService thread;

    private final AtomicBoolean wakeUpPending = new AtomicBoolean();

    private final Runnable sweep;

    /** @param sweep what one round does; it must not throw (a failed round is logged and waits for the next) */
    public SenderThread(String name, Runnable sweep) {
        this.sweep = sweep;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread daemon = new Thread(runnable, name);
            daemon.setDaemon(true);
            return daemon;
        });
    }

    public void start(Duration interval) {
        thread.scheduleWithFixedDelay(sweep, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sweeps soon on the sender's thread. */
    public void wakeUp() {
        if (wakeUpPending.compareAndSet(false, true)) {
            thread.execute(() -> {
                wakeUpPending.set(false);
                sweep.run();
            });
        }
    }

    public void stop() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * Takes the due rows batch by batch ({@code due}), claims each ({@code claim}: empty when another sender has it)
     * and delivers it; answers how many deliveries succeeded.
     */
    public static <T> int sendDue(Supplier<List<Long>> due, int batchSize, LongFunction<Optional<T>> claim,
            Predicate<T> deliver) {
        int delivered = 0;
        List<Long> batch;
        do {
            batch = due.get();
            for (long id : batch) {
                Optional<T> claimed = claim.apply(id);
                if (claimed.isPresent() && deliver.test(claimed.get())) {
                    delivered++;
                }
            }
        }
        while (batch.size() == batchSize);
        return delivered;
    }

    /** The wait after the {@code attempts}-th failure: {@code firstDelay}, doubled per further failure. */
    /**
     * The HTTP client a sender posts with. It never follows a redirect: a receiver's URL that redirects is
     * misconfigured, and following it would post what was meant for the receiver elsewhere.
     */
    public static HttpClient httpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public static Duration backoff(Duration firstDelay, int attempts) {
        return firstDelay.multipliedBy(1L << Math.min(attempts - 1, 20));
    }
}
