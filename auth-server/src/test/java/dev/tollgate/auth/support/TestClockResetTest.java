package dev.tollgate.auth.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

import dev.tollgate.testsupport.TestClock;

/**
 * Time a test moves does not leak into the next test of the shared context: test-support's reset listener does
 * what each test that moved the clock used to do in an {@code @AfterEach} of its own.
 */
@AuthServerTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestClockResetTest {

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
