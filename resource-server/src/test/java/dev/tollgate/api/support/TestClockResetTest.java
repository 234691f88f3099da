package dev.tollgate.api.support;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

import dev.tollgate.testsupport.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/** Time a test moves does not leak into the next test of the shared context (test-support's reset listener). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestClockResetTest extends ApiTest {

    @Autowired
    private TestClock clock;

    @Test
    @Order(1)
    void aTestMovesTheClockADayAhead() {
        clock.advance(Duration.ofDays(1));

        assertThat(clock.instant()).isAfter(Instant.now().plus(Duration.ofHours(23)));
    }

    @Test
    @Order(2)
    void theNextTestFindsItOnRealTimeAgain() {
        assertThat(Duration.between(Instant.now(), clock.instant()).abs()).isLessThan(Duration.ofMinutes(1));
    }
}
