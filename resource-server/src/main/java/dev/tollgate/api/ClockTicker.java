package dev.tollgate.api;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.TimeMeter;

/**
 * The {@link ClockConfig clock} for the libraries that count time in nanoseconds: Caffeine's cache expiry and
 * Bucket4j's refills. It counts wall-clock milliseconds, as Bucket4j does by default; Caffeine by default reads
 * {@code System.nanoTime()} instead, but a cache entry's life ends at a token's {@code exp}, a wall-clock time, so
 * both are better measured on one clock.
 */
public final class ClockTicker implements Ticker, TimeMeter {

    private final Clock clock;

    private ClockTicker(Clock clock) {
        this.clock = clock;
    }

    public static ClockTicker of(Clock clock) {
        return new ClockTicker(clock);
    }

    @Override
    public long read() {
        return TimeUnit.MILLISECONDS.toNanos(clock.millis());
    }

    @Override
    public long currentTimeNanos() {
        return read();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
