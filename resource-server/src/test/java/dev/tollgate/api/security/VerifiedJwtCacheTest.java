package dev.tollgate.api.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import dev.tollgate.testsupport.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedJwtCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private final TestClock clock = TestClock.stoppedAt(NOW);
    private final AtomicInteger decoded = new AtomicInteger();
    private final Instant expiresAt = NOW.plusSeconds(300);

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
        VerifiedJwtCache cache = new VerifiedJwtCache(decoder, Duration.ofMinutes(1), clock);

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
        VerifiedJwtCache cache = new VerifiedJwtCache(decoder, Duration.ofMinutes(1), clock);

        cache.authenticate(bearer("header.payload.signature", null));
        // the same signature under another payload must be checked, not taken from the cache
        cache.authenticate(bearer("header.forged-payload.signature", null));

        assertThat(decoded).hasValue(2);
    }

    @Test
    void anExpiredTokenGoesBackToTheDecoderEvenWithinTheTtl() {
        VerifiedJwtCache cache = new VerifiedJwtCache(decoder, Duration.ofHours(1), clock);
        cache.authenticate(bearer("h.p.s", null));

        clock.advance(Duration.between(NOW, expiresAt.plusSeconds(1)));
        cache.authenticate(bearer("h.p.s", null));

        assertThat(decoded).hasValue(2);
    }

    @Test
    void anEntryIsDroppedAfterTheTtl() {
        VerifiedJwtCache cache = new VerifiedJwtCache(decoder, Duration.ofMillis(200), clock);

        cache.authenticate(bearer("h.p.s", null));
        cache.authenticate(bearer("h.p.s", null));
        assertThat(decoded).hasValue(1);

        clock.advance(Duration.ofMillis(300));
        cache.authenticate(bearer("h.p.s", null));
        assertThat(decoded).hasValue(2);
    }

    @Test
    void aRejectedTokenIsCheckedAgainEveryTime() {
        AuthenticationManager rejecting = authentication -> {
            decoded.incrementAndGet();
            throw new InvalidBearerTokenException("bad signature");
        };
        VerifiedJwtCache cache = new VerifiedJwtCache(rejecting, Duration.ofMinutes(1), clock);

        assertThatThrownBy(() -> cache.authenticate(bearer("h.p.s", null))).isInstanceOf(InvalidBearerTokenException.class);
        assertThatThrownBy(() -> cache.authenticate(bearer("h.p.s", null))).isInstanceOf(InvalidBearerTokenException.class);

        assertThat(decoded).hasValue(2);
    }

    @Test
    void aRememberedTokenTheDenyListNowRefusesIsRefusedWithoutDecodingAgain() {
        AtomicBoolean revoked = new AtomicBoolean();
        VerifiedJwtCache cache = new VerifiedJwtCache(decoder, Duration.ofMinutes(1), clock,
                (jti, grantId, subject, sessionId, issuedAt, introspected) -> revoked.get() && "alice".equals(subject));
        cache.authenticate(bearer("h.p.s", null));

        revoked.set(true);

        assertThatThrownBy(() -> cache.authenticate(bearer("h.p.s", null)))
                .isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("revoked");
        assertThat(decoded).hasValue(1);
    }

    @Test
    void aFreshlyDecodedTokenTheDenyListRefusesIsRefusedAndNotRemembered() {
        VerifiedJwtCache cache = new VerifiedJwtCache(decoder, Duration.ofMinutes(1), clock,
                (jti, grantId, subject, sessionId, issuedAt, introspected) -> true);

        assertThatThrownBy(() -> cache.authenticate(bearer("h.p.s", null))).isInstanceOf(InvalidBearerTokenException.class);
        assertThatThrownBy(() -> cache.authenticate(bearer("h.p.s", null))).isInstanceOf(InvalidBearerTokenException.class);

        assertThat(decoded).hasValue(2);
    }

    @Test
    void aForgottenTokenIsDecodedAgain() {
        VerifiedJwtCache cache = new VerifiedJwtCache(decoder, Duration.ofMinutes(1), clock);
        cache.authenticate(bearer("h.p.s", null));
        cache.authenticate(bearer("other.p.s", null));

        cache.forgetIf(claims -> "bob".equals(claims.get("sub")));
        cache.authenticate(bearer("h.p.s", null));
        assertThat(decoded).as("nothing matched").hasValue(2);

        cache.forgetIf(claims -> "alice".equals(claims.get("sub")));
        cache.authenticate(bearer("h.p.s", null));

        assertThat(decoded).hasValue(3);
    }

    private static BearerTokenAuthenticationToken bearer(String token, Object details) {
        BearerTokenAuthenticationToken bearer = new BearerTokenAuthenticationToken(token);
        bearer.setDetails(details);
        return bearer;
    }
}
