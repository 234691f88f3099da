package dev.tollgate.api.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import dev.tollgate.api.ClockTicker;

/**
 * Remembers JWTs that passed every check, so a client that calls the API many times with one access token
 * pays for the signature, the key conversion and the claim mapping once (profiled: most of the CPU of a
 * {@code GET /api/books/{id}}). An entry is kept for at most {@code ttl} and never past the token's
 * {@code exp}, so an expired token is re-validated, and rejected, by the full decoder. The price is that a
 * key withdrawn from the issuer's JWK set is still trusted for up to {@code ttl} for tokens already seen.
 * Revocation is not affected: every token, remembered or fresh, is held against the {@link AccessTokenDenyList}
 * first (README "Shared Signals receiver"). Rejections are never cached. Tokens are kept only as SHA-256 digests.
 */
final class VerifiedJwtCache implements AuthenticationManager {

    private static final int MAX_ENTRIES = 10_000;
    static final String REVOKED = "The access token has been revoked";

    private final AuthenticationManager decoder;
    private final AccessTokenDenyList denyList;
    private final Clock clock;
    private final Cache<String, JwtAuthenticationToken> verified;

    VerifiedJwtCache(AuthenticationManager decoder, Duration ttl, Clock clock) {
        this(decoder, ttl, clock, AccessTokenDenyList.NONE);
    }

    VerifiedJwtCache(AuthenticationManager decoder, Duration ttl, Clock clock, AccessTokenDenyList denyList) {
        this.decoder = decoder;
        this.denyList = denyList;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .ticker(ClockTicker.of(clock))
                .expireAfter(Expiry.creating((String digest, JwtAuthenticationToken token) -> CacheLifetime.atMost(ttl, token.getToken().getExpiresAt(), clock.instant())))
                .build();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        BearerTokenAuthenticationToken bearer = (BearerTokenAuthenticationToken) authentication;
        String digest = CacheLifetime.keyOf(bearer.getToken());
        JwtAuthenticationToken known = verified.getIfPresent(digest);
        if (known != null && clock.instant().isBefore(known.getToken().getExpiresAt())) {
            refuseIfDenied(known);
            return forThisRequest(known, bearer);
        }
        Authentication result = decoder.authenticate(authentication);
        if (result instanceof JwtAuthenticationToken jwt) {
            refuseIfDenied(jwt);
            if (jwt.getToken().getExpiresAt() != null) {
                verified.put(digest, jwt);
            }
        }
        return result;
    }

    /** Drops the remembered tokens whose claims match, so that they are decoded and checked again. */
    void forgetIf(Predicate<Map<String, Object>> claims) {
        verified.asMap().values().removeIf(token -> claims.test(token.getToken().getClaims()));
    }

    private void refuseIfDenied(JwtAuthenticationToken token) {
        if (denyList.refusesJwt(token.getToken().getClaims())) {
            throw new InvalidBearerTokenException(REVOKED);
        }
    }

    /** The same principal and authorities, with this request's details (remote address) rather than the first's. */
    private static Authentication forThisRequest(JwtAuthenticationToken known, BearerTokenAuthenticationToken bearer) {
        JwtAuthenticationToken copy = new JwtAuthenticationToken(known.getToken(), known.getAuthorities(), known.getName());
        copy.setDetails(bearer.getDetails());
        return copy;
    }
}
