package dev.tollgate.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Time a test moves does not leak into the next test of the shared context: {@link TestClockResetListener} does what
 * each test that moved the clock would otherwise do in an {@code @AfterEach} of its own. Each module implements this
 * in a test class that runs in its shared application context (an interface, so that class keeps its own base).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public interface TestClockResetTests {

    @Test
    @Order(1)
    default void aTestMovesTheClockADayAhead(@Autowired TestClock clock) {
        clock.advance(Duration.ofDays(1));

        assertThat(clock.instant()).isAfter(Instant.now().plus(Duration.ofHours(23)));
    }

    @Test
    @Order(2)
    default void theNextTestFindsItOnRealTimeAgain(@Autowired TestClock clock) {
        assertThat(Duration.between(Instant.now(), clock.instant()).abs()).isLessThan(Duration.ofMinutes(1));
    }
}
