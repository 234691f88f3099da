package dev.tollgate.auth.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.testsupport.TestClock;

/** The memory of used client assertions: one use per client and jti until expiry, then forgotten. */
@AuthServerTest
class UsedClientAssertionsTest {

    @Autowired
    UsedClientAssertions used;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient database;

    @Test
    void aJtiIsUsableOncePerClientUntilItsAssertionExpires() {
        String jti = UUID.randomUUID().toString();
        Instant expiry = clock.instant().plusSeconds(60);

        assertThat(used.firstUse("batch-job", jti, expiry)).isTrue();
        assertThat(used.firstUse("batch-job", jti, expiry)).as("the same client again").isFalse();
        assertThat(used.firstUse("other-job", jti, expiry)).as("another client's jti space").isTrue();

        clock.advance(Duration.ofSeconds(61));
        assertThat(used.firstUse("batch-job", jti, clock.instant().plusSeconds(60)))
                .as("after the first assertion expired").isTrue();
    }

    @Test
    void theCleanupForgetsOnlyExpiredAssertionsAndKeepsNoJtiInClear() {
        String expiring = UUID.randomUUID().toString();
        String live = UUID.randomUUID().toString();
        used.firstUse("batch-job", expiring, clock.instant().plusSeconds(30));
        used.firstUse("batch-job", live, clock.instant().plusSeconds(300));
        clock.advance(Duration.ofSeconds(60));

        assertThat(used.deleteExpired()).isGreaterThanOrEqualTo(1);

        assertThat(used.firstUse("batch-job", live, clock.instant().plusSeconds(60))).as("still remembered").isFalse();
        assertThat(database.sql("SELECT COUNT(*) FROM used_client_assertion WHERE jti_digest IN (?, ?)")
                .params(expiring, live).query(Long.class).single()).as("stored as digests").isZero();
    }
}
