package dev.tollgate.api.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import javax.sql.DataSource;

import dev.tollgate.api.ClockTicker;
import dev.tollgate.ratelimit.BucketTable;
import dev.tollgate.ratelimit.RateLimiter;

/**
 * How many opaque tokens that this API has no answer for yet one caller address may have checked at the auth
 * server per period. Every introspection call takes one; a call that finds the token active gives it back, so
 * a caller whose tokens are real is never held back however many it brings, while made-up tokens run out after
 * {@code perAddress}. The address is the TCP peer's: this API trusts no {@code X-Forwarded-For} unless an
 * operator turns forwarded headers on behind a proxy. IPv6 callers are counted by their /64 network, which one
 * host usually has whole.
 * <p>
 * The budgets are token buckets that every instance of the API shares in its database (table
 * {@code rate_limit_bucket}), so N instances allow a caller its budget once, not N times: each instance writes what
 * it took at least every {@value #SYNC_INTERVAL_MILLIS} ms or once it has taken a twentieth of the budget, and a
 * give-back at once. Without the database each instance counts on its own for a while: the API keeps answering.
 */
public final class IntrospectionBudget {

    private static final int IPV6_NETWORK_BYTES = 8;

    /** As the auth server's default {@code tollgate.rate-limit.sync-interval}. */
    private static final long SYNC_INTERVAL_MILLIS = 50;

    private final long perAddress;
    private final BucketTable buckets;
    private final RateLimiter limiter;

    public IntrospectionBudget(long perAddress, Duration period, DataSource database, Clock clock) {
        this.perAddress = perAddress;
        ClockTicker time = ClockTicker.of(clock);
        this.buckets = new BucketTable(database, time);
        this.limiter = new RateLimiter(period, Duration.ofMillis(SYNC_INTERVAL_MILLIS), buckets, time);
    }

    /** Takes one introspection from the address's budget; empty when granted, else how long until one is back. */
    public Optional<Duration> take(String address) {
        return limiter.tryTake(keyOf(address), perAddress);
    }

    /** Returns what {@link #take} took: the token was active, or the auth server could not be asked at all. */
    public void giveBack(String address) {
        limiter.giveBack(keyOf(address), perAddress);
    }

    /** Deletes the budgets that have filled up again: they count for nothing. Answers how many. */
    public int deleteFullBudgets() {
        return buckets.deleteFullBuckets();
    }

    private static String keyOf(String address) {
        return "unknown-tokens:" + networkOf(address);
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
