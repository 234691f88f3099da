package dev.tollgate.auth.ratelimit;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;

/** Token buckets (Bucket4j) by key, each refilled to {@code capacity} per period; idle buckets are dropped. */
final class RateLimiter {

    private static final long MAX_BUCKETS = 100_000;

    private final Duration period;
    private final Cache<String, Bucket> buckets;

    RateLimiter(Duration period) {
        this.period = period;
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_BUCKETS).expireAfterAccess(period.multipliedBy(2)).build();
    }

    /** Takes one request from the key's bucket; answers how long to wait when the bucket is empty. */
    Optional<Duration> tryTake(String key, long capacity) {
        ConsumptionProbe probe = bucket(key, capacity).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Like {@link #tryTake} but takes nothing: for requests that are counted only once their outcome is known. */
    Optional<Duration> checkWithoutTaking(String key, long capacity) {
        EstimationProbe probe = bucket(key, capacity).estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Bucket bucket(String key, long capacity) {
        return buckets.get(key, newKey -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                .build());
    }
}
