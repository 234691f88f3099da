package dev.tollgate.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** When a signing key is rotated, and how long a retired one stays in the JWKS. */
class SigningKeyRotationScheduleTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    @Test
    void aKeyIsDueOnceItIsAsOldAsTheRotationInterval() {
        assertThat(SigningKeyRotation.isDue(CREATED, THIRTY_DAYS, CREATED.plus(THIRTY_DAYS).minusSeconds(1))).isFalse();
        assertThat(SigningKeyRotation.isDue(CREATED, THIRTY_DAYS, CREATED.plus(THIRTY_DAYS))).isTrue();
        assertThat(SigningKeyRotation.isDue(CREATED, THIRTY_DAYS, CREATED.plus(Duration.ofDays(31)))).isTrue();
    }

    @Test
    void aRetiredKeyOutlivesTheLongestTokenItCanHaveSignedByTwoMinutes() {
        Instant retired = CREATED.plus(THIRTY_DAYS);

        assertThat(SigningKeyRotation.publishRetiredKeyUntil(retired, Duration.ofMinutes(30)))
                .isEqualTo(retired.plus(Duration.ofMinutes(32)));
    }
}
