package dev.tollgate.api.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.tollgate.api.limits.IntrospectionBudget;
import dev.tollgate.testsupport.TestClock;
import dev.tollgate.testsupport.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingIntrospectorTest {

    private static final String CALLER = "192.0.2.1";

    private final AtomicInteger calls = new AtomicInteger();
    private final TestClock clock = TestClock.stoppedAt(Instant.parse("2026-11-27T10:00:00Z"));

    @Test
    void anActiveAnswerIsReusedWithinTheTtlThenAskedForAgain() {
        CachingIntrospector cache = new CachingIntrospector(answering(clock.instant().plusSeconds(300)), roomyBudget(),
                Duration.ofMillis(300), Duration.ofSeconds(5), clock);

        OAuth2AuthenticatedPrincipal first = cache.introspect("token-a", CALLER);
        cache.introspect("token-a", CALLER);
        assertThat(calls).hasValue(1);
        assertThat(first.getName()).isEqualTo("demo-service-opaque");

        clock.advance(Duration.ofMillis(400));
        cache.introspect("token-a", CALLER);
        assertThat(calls).hasValue(2);
    }

    @Test
    void anAnswerIsNeverKeptPastTheTokensExpiry() {
        CachingIntrospector cache = new CachingIntrospector(answering(clock.instant().plusMillis(200)), roomyBudget(),
                Duration.ofMinutes(5), Duration.ofMinutes(5), clock);

        cache.introspect("short-lived", CALLER);
        clock.advance(Duration.ofMillis(300));
        cache.introspect("short-lived", CALLER);

        assertThat(calls).hasValue(2);
    }

    @Test
    void anInactiveAnswerIsCachedToo() {
        OpaqueTokenIntrospector inactive = token -> {
            calls.incrementAndGet();
            throw new BadOpaqueTokenException("Provided token isn't active");
        };
        CachingIntrospector cache = new CachingIntrospector(inactive, roomyBudget(), Duration.ofMinutes(1),
                Duration.ofMinutes(1), clock);

        assertThatThrownBy(() -> cache.introspect("revoked", CALLER)).isInstanceOf(BadOpaqueTokenException.class);
        assertThatThrownBy(() -> cache.introspect("revoked", CALLER)).isInstanceOf(BadOpaqueTokenException.class)
                .hasMessage("Provided token isn't active");
        assertThat(calls).hasValue(1);
    }

    @Test
    void anUnreachableAuthServerIsNotCachedSoTheNextCallTriesAgain() {
        OpaqueTokenIntrospector down = token -> {
            calls.incrementAndGet();
            throw new OAuth2IntrospectionException("Connection refused");
        };
        CachingIntrospector cache = new CachingIntrospector(down, roomyBudget(), Duration.ofMinutes(1),
                Duration.ofMinutes(1), clock);

        assertThatThrownBy(() -> cache.introspect("t", CALLER)).isInstanceOf(OAuth2IntrospectionException.class);
        assertThatThrownBy(() -> cache.introspect("t", CALLER)).isInstanceOf(OAuth2IntrospectionException.class);
        assertThat(calls).hasValue(2);
    }

    @Test
    void inactiveTokensUseUpTheCallersBudgetAndThenAreNotAskedAboutAnyMore() {
        OpaqueTokenIntrospector inactive = token -> {
            calls.incrementAndGet();
            throw new BadOpaqueTokenException("Provided token isn't active");
        };
        CachingIntrospector cache = new CachingIntrospector(inactive, budget(3),
                Duration.ofMinutes(1), Duration.ofMinutes(1), clock);

        for (int token = 0; token < 3; token++) {
            String made = "made-up-" + token;
            assertThatThrownBy(() -> cache.introspect(made, CALLER)).isInstanceOf(BadOpaqueTokenException.class);
        }
        assertThatThrownBy(() -> cache.introspect("made-up-3", CALLER))
                .isInstanceOfSatisfying(TooManyUnknownTokensException.class,
                        refused -> assertThat(refused.retryAfter()).isPositive());
        assertThat(calls).hasValue(3);
        assertThatThrownBy(() -> cache.introspect("made-up-3", "192.0.2.2"))
                .as("another address has a budget of its own").isInstanceOf(BadOpaqueTokenException.class);
    }

    @Test
    void activeTokensAndUnreachableAuthServersCostTheCallerNothing() {
        AtomicInteger reachable = new AtomicInteger();
        OpaqueTokenIntrospector flaky = token -> {
            if (reachable.incrementAndGet() % 2 == 0) {
                throw new OAuth2IntrospectionException("Connection refused");
            }
            return answering(clock.instant().plusSeconds(300)).introspect(token);
        };
        CachingIntrospector cache = new CachingIntrospector(flaky, budget(2),
                Duration.ofMinutes(1), Duration.ofMinutes(1), clock);

        for (int token = 0; token < 20; token++) {
            String real = "real-" + token;
            assertThat(cache.introspect(real, CALLER).getName()).isEqualTo("demo-service-opaque");
            assertThatThrownBy(() -> cache.introspect("unanswered-" + real, CALLER))
                    .isInstanceOf(OAuth2IntrospectionException.class);
        }
    }

    @Test
    void aFloodOfInactiveTokensDoesNotPushOutTheAnswersForActiveOnes() {
        AtomicInteger activeCalls = new AtomicInteger();
        OpaqueTokenIntrospector auth = token -> {
            if (!token.equals("real")) {
                throw new BadOpaqueTokenException("Provided token isn't active");
            }
            activeCalls.incrementAndGet();
            return answering(clock.instant().plusSeconds(300)).introspect(token);
        };
        CachingIntrospector cache = new CachingIntrospector(auth, roomyBudget(), Duration.ofMinutes(1),
                Duration.ofMinutes(1), clock);
        cache.introspect("real", CALLER);

        for (int token = 0; token < 20_000; token++) {
            String made = "made-up-" + token;
            assertThatThrownBy(() -> cache.introspect(made, "198.51.100." + (made.hashCode() & 0xff)))
                    .isInstanceOf(BadOpaqueTokenException.class);
        }
        cache.introspect("real", CALLER);

        assertThat(activeCalls).hasValue(1);
    }

    private IntrospectionBudget roomyBudget() {
        return budget(1_000_000);
    }

    /** A budget in a database of its own, migrated as the API's. */
    private IntrospectionBudget budget(long perAddress) {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL(TestDatabases.h2("caching-introspector-" + UUID.randomUUID()));
        Flyway.configure().dataSource(database).load().migrate();
        return new IntrospectionBudget(perAddress, Duration.ofMinutes(1), database, clock);
    }

    private OpaqueTokenIntrospector answering(Instant expiresAt) {
        return token -> {
            calls.incrementAndGet();
            return new DefaultOAuth2AuthenticatedPrincipal("demo-service-opaque",
                    Map.of("sub", "demo-service-opaque", "exp", expiresAt), List.of());
        };
    }
}
