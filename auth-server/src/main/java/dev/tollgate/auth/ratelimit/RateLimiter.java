package dev.tollgate.auth.ratelimit;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

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
        Bucket bucket = buckets.get(key, newKey -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
