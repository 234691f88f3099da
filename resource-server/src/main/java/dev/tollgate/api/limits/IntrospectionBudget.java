package dev.tollgate.api.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import dev.tollgate.api.ClockTicker;

/**
 * How many opaque tokens that this API has no answer for yet one caller address may have checked at the auth
 * server per period. Every introspection call takes one; a call that finds the token active gives it back, so
 * a caller whose tokens are real is never held back however many it brings, while made-up tokens run out after
 * {@code perAddress}. The address is the TCP peer's: this API trusts no {@code X-Forwarded-For} unless an
 * operator turns forwarded headers on behind a proxy. IPv6 callers are counted by their /64 network, which one
 * host usually has whole. Token buckets (Bucket4j) in memory, idle ones dropped.
 */
public final class IntrospectionBudget {

    private static final long MAX_ADDRESSES = 100_000;
    private static final int IPV6_NETWORK_BYTES = 8;

    private final long perAddress;
    private final Duration period;
    private final ClockTicker time;
    private final Cache<String, Bucket> buckets;

    public IntrospectionBudget(long perAddress, Duration period, Clock clock) {
        this.perAddress = perAddress;
        this.period = period;
        this.time = ClockTicker.of(clock);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MAX_ADDRESSES)
                .ticker(time)
                .expireAfterAccess(period.multipliedBy(2))
                .build();
    }

    /** Takes one introspection from the address's budget; empty when granted, else how long until one is back. */
    public Optional<Duration> take(String address) {
        ConsumptionProbe probe = bucketOf(address).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Returns what {@link #take} took: the token was active, or the auth server could not be asked at all. */
    public void giveBack(String address) {
        bucketOf(address).addTokens(1);
    }

    private Bucket bucketOf(String address) {
        return buckets.get(networkOf(address), key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perAddress).refillGreedy(perAddress, period).build())
                .withCustomTimePrecision(time)
                .build());
    }

    static String networkOf(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            // an IPv6 literal, as the servlet container reports the peer: nothing is looked up
            byte[] bytes = InetAddress.getByName(address).getAddress();
            return bytes.length == 4 ? address
                    : HexFormat.of().formatHex(Arrays.copyOf(bytes, IPV6_NETWORK_BYTES)) + "::/64";
        } catch (UnknownHostException notAnAddress) {
            return address;
        }
    }
}
