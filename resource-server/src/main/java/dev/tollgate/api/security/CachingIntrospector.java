package dev.tollgate.api.security;

import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Reuses introspection answers for a short while, so a busy API does not ask the auth server on every
 * request. An active answer is kept for {@code activeTtl} but never past the token's {@code exp}; an
 * inactive one for {@code inactiveTtl}. The price is that a revoked token is accepted for up to
 * {@code activeTtl} after its revocation. Failures to reach the auth server are never cached, so the API
 * recovers as soon as the auth server is back. Tokens are kept only as SHA-256 digests.
 */
final class CachingIntrospector implements OpaqueTokenIntrospector {

    private static final int MAX_ENTRIES = 10_000;

    private final OpaqueTokenIntrospector delegate;
    private final Duration activeTtl;
    private final Duration inactiveTtl;
    private final Cache<String, Answer> answers = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfter(Expiry.creating((String digest, Answer answer) -> answer.keepFor()))
            .build();

    CachingIntrospector(OpaqueTokenIntrospector delegate, Duration activeTtl, Duration inactiveTtl) {
        this.delegate = delegate;
        this.activeTtl = activeTtl;
        this.inactiveTtl = inactiveTtl;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        Answer answer = answers.get(CacheLifetime.keyOf(token), digest -> ask(token));
        if (answer.principal() == null) {
            throw new BadOpaqueTokenException(answer.rejection());
        }
        return answer.principal();
    }

    private Answer ask(String token) {
        try {
            OAuth2AuthenticatedPrincipal principal = delegate.introspect(token);
            return new Answer(principal, null, untilExpiryAtMost(principal, activeTtl));
        } catch (BadOpaqueTokenException inactive) {
            return new Answer(null, inactive.getMessage(), inactiveTtl);
        }
    }

    private static Duration untilExpiryAtMost(OAuth2AuthenticatedPrincipal principal, Duration ttl) {
        Instant expiresAt = principal.getAttribute(OAuth2TokenIntrospectionClaimNames.EXP);
        return CacheLifetime.atMost(ttl, expiresAt, Instant.now());
    }

    /** Either an active token's principal or why the token was rejected, and how long to trust it. */
    private record Answer(OAuth2AuthenticatedPrincipal principal, String rejection, Duration keepFor) {
    }
}
