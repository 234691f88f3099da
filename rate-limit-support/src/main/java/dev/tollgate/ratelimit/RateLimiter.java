package dev.tollgate.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.NopeOptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.delay.DelayOptimization;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets (Bucket4j) by key, each refilled to {@code capacity} per period, shared by every instance through
 * {@code shared}. Each instance counts a bucket on its own copy and writes what it took to the shared one when it
 * has taken {@link #unsynchronizedTokens} or {@code syncInterval} has passed (Bucket4j's delaying optimization), so
 * a busy key costs a database round trip every few tens of milliseconds, not one per request; a refusal costs
 * none. The shared bucket takes what an instance took even past empty, so an overshoot is paid back later.
 * When the shared buckets cannot be reached, each instance counts on its own buckets for a while, as before they
 * were shared: the limits still hold per instance, no request fails for it, and what needs the database answers 503
 * by itself.
 */
public final class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private static final long MAX_BUCKETS = 100_000;

    /** The share of a limit an instance may take before it tells the others: 1/20, at least one request. */
    private static final long UNSYNCHRONIZED_SHARE = 20;

    /** How long the instance counts alone once the shared buckets failed, before it tries them again. */
    private static final Duration ALONE_AFTER_FAILURE = Duration.ofSeconds(5);

    private final Duration period;
    private final Duration syncInterval;
    private final ProxyManager<String> shared;
    private final TimeMeter time;
    private final Cache<String, Bucket> sharedBuckets;
    private final Cache<String, Bucket> ownBuckets;
    private volatile long aloneUntilNanos = Long.MIN_VALUE;

    public RateLimiter(Duration period, Duration syncInterval, ProxyManager<String> shared, TimeMeter time) {
        this.period = period;
        this.syncInterval = syncInterval;
        this.shared = shared;
        this.time = time;
        this.sharedBuckets = idleDropping();
        this.ownBuckets = idleDropping();
    }

    private <V> Cache<String, V> idleDropping() {
        return Caffeine.newBuilder().maximumSize(MAX_BUCKETS).expireAfterAccess(period.multipliedBy(2)).build();
    }

    /** Takes one request from the key's bucket; answers how long to wait when the bucket is empty. */
    public Optional<Duration> tryTake(String key, long capacity) {
        ConsumptionProbe probe = onBucket(key, capacity, bucket -> bucket.tryConsumeAndReturnRemaining(1));
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Like {@link #tryTake} but takes nothing: for requests that are counted only once their outcome is known. */
    public Optional<Duration> checkWithoutTaking(String key, long capacity) {
        EstimationProbe probe = onBucket(key, capacity, bucket -> bucket.estimateAbilityToConsume(1));
        return probe.canBeConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /**
     * Returns one request to the key's bucket, for a request that was taken up front and turned out not to count.
     * Unlike a take, Bucket4j writes a return to the shared bucket at once (with whatever this instance took and has
     * not written yet): one database round trip each.
     */
    public void giveBack(String key, long capacity) {
        onBucket(key, capacity, bucket -> {
            bucket.addTokens(1);
            return null;
        });
    }

    /** The tokens one instance may take from a bucket of {@code capacity} without telling the others. */
    public static long unsynchronizedTokens(long capacity) {
        return Math.max(1, capacity / UNSYNCHRONIZED_SHARE);
    }

    private <T> T onBucket(String key, long capacity, Function<Bucket, T> action) {
        // a changed limit counts in a bucket of its own: a stored bucket keeps the configuration it was made with
        String bucketKey = key + "@" + capacity + "/" + period;
        if (time.currentTimeNanos() >= aloneUntilNanos) {
            try {
                return onSharedBucket(bucketKey, capacity, action);
            }
            catch (RuntimeException failure) {
                countAloneForAWhile(failure);
            }
        }
        return action.apply(ownBuckets.get(bucketKey, newKey -> Bucket.builder()
                .addLimit(limit(capacity))
                .withCustomTimePrecision(time)
                .build()));
    }

    /**
     * Bucket4j recreates a missing bucket for a single request, but fails a batch of parallel requests that finds its
     * row gone (deleted by {@link BucketTable#deleteFullBuckets()} once the bucket was full): the bucket is then made again.
     */
    private <T> T onSharedBucket(String bucketKey, long capacity, Function<Bucket, T> action) {
        try {
            return action.apply(sharedBuckets.get(bucketKey, newKey -> sharedBucket(newKey, capacity)));
        }
        catch (RuntimeException failure) {
            if (!isBucketNotFound(failure)) {
                throw failure;
            }
            sharedBuckets.invalidate(bucketKey);
            return action.apply(sharedBuckets.get(bucketKey, newKey -> sharedBucket(newKey, capacity)));
        }
    }

    private static boolean isBucketNotFound(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BucketNotFoundException) {
                return true;
            }
        }
        return false;
    }

    /** A bucket of the shared table, made there before any request can use it: see {@link #onSharedBucket}. */
    private Bucket sharedBucket(String key, long capacity) {
        DelayParameters delay = new DelayParameters(unsynchronizedTokens(capacity), syncInterval);
        BucketConfiguration configuration = BucketConfiguration.builder().addLimit(limit(capacity)).build();
        Bucket bucket = shared.builder()
                .withOptimization(new DelayOptimization(delay, NopeOptimizationListener.INSTANCE, time))
                .build(key, () -> configuration);
        // the cache computes one key on one thread: alone, the first command creates the row if it is missing
        bucket.getAvailableTokens();
        return bucket;
    }

    private Bandwidth limit(long capacity) {
        return Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build();
    }

    private void countAloneForAWhile(RuntimeException failure) {
        long now = time.currentTimeNanos();
        if (now >= aloneUntilNanos) {
            // one line per pause, no stack: during an outage every request would end here
            log.warn("Rate limits counted by this instance alone for {} s: the shared buckets failed: {}",
                    ALONE_AFTER_FAILURE.toSeconds(), failure.toString());
        }
        aloneUntilNanos = now + TimeUnit.MILLISECONDS.toNanos(ALONE_AFTER_FAILURE.toMillis());
    }
}
