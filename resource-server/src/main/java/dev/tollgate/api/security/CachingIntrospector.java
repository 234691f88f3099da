package dev.tollgate.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.tollgate.api.ClockTicker;
import dev.tollgate.api.limits.IntrospectionBudget;

/**
 * Reuses introspection answers for a short while, so a busy API does not ask the auth server on every
 * request, and asks only within the caller's {@link IntrospectionBudget}. An active answer is kept for
 * {@code activeTtl} but never past the token's {@code exp}; the price is that a revoked token is accepted for up
 * to {@code activeTtl} after its revocation. An inactive answer is kept for {@code inactiveTtl} in a cache of its
 * own, so a flood of made-up tokens can push out only other made-up tokens, never the answers real callers
 * need. Failures to reach the auth server are never cached, so the API recovers as soon as the auth server is
 * back. Concurrent requests with one new token share one call. Tokens are kept only as SHA-256 digests.
 */
final class CachingIntrospector {

    private static final int MAX_ENTRIES = 10_000;

    private final OpaqueTokenIntrospector delegate;
    private final IntrospectionBudget budget;
    private final Duration activeTtl;
    private final Clock clock;
    private final Cache<String, Active> active;
    /** Why each token was found inactive. */
    private final Cache<String, String> inactive;

    CachingIntrospector(OpaqueTokenIntrospector delegate, IntrospectionBudget budget, Duration activeTtl,
            Duration inactiveTtl, Clock clock) {
        this.delegate = delegate;
        this.budget = budget;
        this.activeTtl = activeTtl;
        this.clock = clock;
        this.active = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .ticker(ClockTicker.of(clock))
                .expireAfter(Expiry.creating((String digest, Active answer) -> answer.keepFor()))
                .build();
        this.inactive = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .ticker(ClockTicker.of(clock))
                .expireAfterWrite(inactiveTtl)
                .build();
    }

    /**
     * The token's principal, from the cache or the auth server.
     *
     * @throws BadOpaqueTokenException       the token is not active (or not meant for this API)
     * @throws TooManyUnknownTokensException the caller's address has used up its budget
     */
    OAuth2AuthenticatedPrincipal introspect(String token, String callerAddress) {
        String digest = CacheLifetime.keyOf(token);
        String rejection = inactive.getIfPresent(digest);
        if (rejection != null) {
            throw new BadOpaqueTokenException(rejection);
        }
        return active.get(digest, key -> ask(token, key, callerAddress)).principal();
    }

    /** Drops the active answers whose attributes match, so that those tokens are introspected again. */
    void forgetIf(Predicate<Map<String, Object>> attributes) {
        active.asMap().values().removeIf(answer -> attributes.test(answer.principal().getAttributes()));
    }

    private Active ask(String token, String digest, String callerAddress) {
        Optional<Duration> refused = budget.take(callerAddress);
        if (refused.isPresent()) {
            throw new TooManyUnknownTokensException(refused.get());
        }
        OAuth2AuthenticatedPrincipal principal;
        try {
            principal = delegate.introspect(token);
        } catch (BadOpaqueTokenException notActive) {
            inactive.put(digest, notActive.getMessage());
            throw notActive;
        } catch (RuntimeException unanswered) {
            budget.giveBack(callerAddress);
            throw unanswered;
        }
        budget.giveBack(callerAddress);
        return new Active(principal, untilExpiryAtMost(principal, activeTtl));
    }

    private Duration untilExpiryAtMost(OAuth2AuthenticatedPrincipal principal, Duration ttl) {
        Instant expiresAt = principal.getAttribute(OAuth2TokenIntrospectionClaimNames.EXP);
        return CacheLifetime.atMost(ttl, expiresAt, clock.instant());
    }

    /** An active token's principal, and how long to trust it. */
    private record Active(OAuth2AuthenticatedPrincipal principal, Duration keepFor) {
    }
}
