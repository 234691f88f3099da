package dev.tollgate.api.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DenyListTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(10);

    private final DenyList denyList = new DenyList(TTL);

    @Test
    void aSubjectsTokensIssuedUpToTheSecondOfTheEventAreRefusedAndLaterOnesNot() {
        denyList.refuseSubjectIssuedUntil("alice", NOW, NOW);

        assertThat(denyList.refuses(null, null, "alice", null, NOW.minusSeconds(1), false)).isTrue();
        assertThat(denyList.refuses(null, null, "alice", null, NOW, false)).as("the same second").isTrue();
        assertThat(denyList.refuses(null, null, "alice", null, NOW.plusSeconds(1), false)).isFalse();
        assertThat(denyList.refuses(null, null, "alice", null, null, false)).as("no iat").isTrue();
        assertThat(denyList.refuses(null, null, "bob", null, NOW.minusSeconds(1), false)).isFalse();
    }

    @Test
    void aLaterEventMovesTheInstantForwardAndAnOlderOneDoesNotMoveItBack() {
        denyList.refuseSessionIssuedUntil("sid-1", NOW, NOW);
        denyList.refuseSessionIssuedUntil("sid-1", NOW.minusSeconds(60), NOW);

        assertThat(denyList.refuses(null, null, "alice", "sid-1", NOW.minusSeconds(30), false)).isTrue();
    }

    @Test
    void entriesAreForgottenOnceEveryTokenTheyCouldRefuseHasExpired() {
        denyList.revokeTokens(List.of("jti-1"), NOW);
        denyList.revokeGrant("grant-1", NOW);
        denyList.refuseSubjectIssuedUntil("alice", NOW, NOW);

        denyList.forgetExpired(NOW.plus(TTL));
        assertThat(denyList.size()).isEqualTo(3);
        assertThat(denyList.refuses("jti-1", null, null, null, NOW, false)).isTrue();
        assertThat(denyList.refuses(null, "grant-1", null, null, NOW, false)).isTrue();

        denyList.forgetExpired(NOW.plus(TTL).plusSeconds(1));
        assertThat(denyList.size()).isZero();
        assertThat(denyList.refuses("jti-1", "grant-1", "alice", null, NOW, false)).isFalse();
    }

    @Test
    void failingClosedRefusesJwtsIssuedBeforeTheGapButNotIntrospectedTokens() {
        denyList.refuseIssuedBefore(NOW);

        assertThat(denyList.refuses("jti", null, "alice", null, NOW.minusSeconds(1), false)).isTrue();
        assertThat(denyList.refuses("jti", null, "alice", null, NOW, false)).isFalse();
        assertThat(denyList.refuses("jti", null, "alice", null, NOW.minusSeconds(1), true)).isFalse();

        denyList.refuseIssuedBefore(null);
        assertThat(denyList.refuses("jti", null, "alice", null, NOW.minusSeconds(1), false)).isFalse();
    }
}
