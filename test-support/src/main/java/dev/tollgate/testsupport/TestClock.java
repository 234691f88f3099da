package dev.tollgate.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The clock of a module in tests: real time plus an offset that a test moves forward to let a token, a cache entry
 * or a lockout expire, instead of sleeping. {@link #stoppedAt(Instant)} gives one that stands still, for unit tests
 * that assert exact instants. In a Spring context ({@link Config}) it is reset after every test method by
 * {@link TestClockResetListener}, so no test sees time another test moved.
 */
public final class TestClock extends Clock {

    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    /** Real time, until a test moves it. */
    public TestClock() {
        this(Clock.systemUTC());
    }

    private TestClock(Clock base) {
        this.base = base;
    }

    /** A clock that shows {@code start} until a test moves it. */
    public static TestClock stoppedAt(Instant start) {
        return new TestClock(Clock.fixed(start, ZoneOffset.UTC));
    }

    public void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    /** Back to where it started: real time, or the instant it was stopped at. */
    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Tollgate works in UTC");
    }

    /** Replaces the module's clock bean in a test context: {@code @Import(TestClock.Config.class)}. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
