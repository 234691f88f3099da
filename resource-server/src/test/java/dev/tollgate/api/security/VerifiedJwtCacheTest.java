package dev.tollgate.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedJwtCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private final AtomicInteger decoded = new AtomicInteger();
    private Instant expiresAt = NOW.plusSeconds(300);

    /** Stands in for the real decoder: counts its calls, and accepts every token until {@code expiresAt}. */
    private final AuthenticationManager decoder = authentication -> {
        decoded.incrementAndGet();
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        Jwt jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject("alice")
                .issuedAt(expiresAt.minusSeconds(300)).expiresAt(expiresAt).build();
        JwtAuthenticationToken result = new JwtAuthenticationToken(jwt,
                List.of(new SimpleGrantedAuthority("SCOPE_books.read")), "alice");
        result.setDetails(authentication.getDetails());
        return result;
    };

    @Test
    void aTokenSeenBeforeIsNotDecodedAgainButGetsThisRequestsDetails() {
        VerifiedJwtCache cache = new VerifiedJwtCache(decoder, Duration.ofMinutes(1), clockAt(NOW));

        Authentication first = cache.authenticate(bearer("h.p.s", "10.0.0.1"));
        Authentication second = cache.authenticate(bearer("h.p.s", "10.0.0.2"));

        assertThat(decoded).hasValue(1);
        assertThat(second.getName()).isEqualTo("alice");
        assertThat(second.getAuthorities()).isEqualTo(first.getAuthorities());
        assertThat(second.getDetails()).isEqualTo("10.0.0.2");
        assertThat(second).isNotSameAs(first);
    }

    @Test
    void anyDifferenceInTheTokenIsAnotherToken() {
        VerifiedJwtCache cache = new VerifiedJwtCache(decoder, Duration.ofMinutes(1), clockAt(NOW));

        cache.authenticate(bearer("header.payload.signature", null));
        // the same signature under another payload must be checked, not taken from the cache
        cache.authenticate(bearer("header.forged-payload.signature", null));

        assertThat(decoded).hasValue(2);
    }

    @Test
    void anExpiredTokenGoesBackToTheDecoderEvenWithinTheTtl() {
        MutableClock clock = new MutableClock(NOW);
        VerifiedJwtCache cache = new VerifiedJwtCache(decoder, Duration.ofHours(1), clock);
        cache.authenticate(bearer("h.p.s", null));

        clock.now = expiresAt.plusSeconds(1);
        cache.authenticate(bearer("h.p.s", null));

        assertThat(decoded).hasValue(2);
    }

    @Test
    void anEntryIsDroppedAfterTheTtl() throws InterruptedException {
        VerifiedJwtCache cache = new VerifiedJwtCache(decoder, Duration.ofMillis(200), Clock.systemUTC());
        expiresAt = Instant.now().plusSeconds(300);

        cache.authenticate(bearer("h.p.s", null));
        cache.authenticate(bearer("h.p.s", null));
        assertThat(decoded).hasValue(1);

        Thread.sleep(300);
        cache.authenticate(bearer("h.p.s", null));
        assertThat(decoded).hasValue(2);
    }

    @Test
    void aRejectedTokenIsCheckedAgainEveryTime() {
        AuthenticationManager rejecting = authentication -> {
            decoded.incrementAndGet();
            throw new InvalidBearerTokenException("bad signature");
        };
        VerifiedJwtCache cache = new VerifiedJwtCache(rejecting, Duration.ofMinutes(1), clockAt(NOW));

        assertThatThrownBy(() -> cache.authenticate(bearer("h.p.s", null))).isInstanceOf(InvalidBearerTokenException.class);
        assertThatThrownBy(() -> cache.authenticate(bearer("h.p.s", null))).isInstanceOf(InvalidBearerTokenException.class);

        assertThat(decoded).hasValue(2);
    }

    private static BearerTokenAuthenticationToken bearer(String token, Object details) {
        BearerTokenAuthenticationToken bearer = new BearerTokenAuthenticationToken(token);
        bearer.setDetails(details);
        return bearer;
    }

    private static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
