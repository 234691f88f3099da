package dev.tollgate.api.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingIntrospectorTest {

    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void anActiveAnswerIsReusedWithinTheTtlThenAskedForAgain() throws InterruptedException {
        CachingIntrospector cache = new CachingIntrospector(answering(Instant.now().plusSeconds(300)),
                Duration.ofMillis(300), Duration.ofSeconds(5));

        OAuth2AuthenticatedPrincipal first = cache.introspect("token-a");
        cache.introspect("token-a");
        assertThat(calls).hasValue(1);
        assertThat(first.getName()).isEqualTo("demo-service-opaque");

        Thread.sleep(400);
        cache.introspect("token-a");
        assertThat(calls).hasValue(2);
    }

    @Test
    void anAnswerIsNeverKeptPastTheTokensExpiry() throws InterruptedException {
        CachingIntrospector cache = new CachingIntrospector(answering(Instant.now().plusMillis(200)),
                Duration.ofMinutes(5), Duration.ofMinutes(5));

        cache.introspect("short-lived");
        Thread.sleep(300);
        cache.introspect("short-lived");

        assertThat(calls).hasValue(2);
    }

    @Test
    void anInactiveAnswerIsCachedToo() {
        OpaqueTokenIntrospector inactive = token -> {
            calls.incrementAndGet();
            throw new BadOpaqueTokenException("Provided token isn't active");
        };
        CachingIntrospector cache = new CachingIntrospector(inactive, Duration.ofMinutes(1), Duration.ofMinutes(1));

        assertThatThrownBy(() -> cache.introspect("revoked")).isInstanceOf(BadOpaqueTokenException.class);
        assertThatThrownBy(() -> cache.introspect("revoked")).isInstanceOf(BadOpaqueTokenException.class)
                .hasMessage("Provided token isn't active");
        assertThat(calls).hasValue(1);
    }

    @Test
    void anUnreachableAuthServerIsNotCachedSoTheNextCallTriesAgain() {
        OpaqueTokenIntrospector down = token -> {
            calls.incrementAndGet();
            throw new OAuth2IntrospectionException("Connection refused");
        };
        CachingIntrospector cache = new CachingIntrospector(down, Duration.ofMinutes(1), Duration.ofMinutes(1));

        assertThatThrownBy(() -> cache.introspect("t")).isInstanceOf(OAuth2IntrospectionException.class);
        assertThatThrownBy(() -> cache.introspect("t")).isInstanceOf(OAuth2IntrospectionException.class);
        assertThat(calls).hasValue(2);
    }

    private OpaqueTokenIntrospector answering(Instant expiresAt) {
        return token -> {
            calls.incrementAndGet();
            return new DefaultOAuth2AuthenticatedPrincipal("demo-service-opaque",
                    Map.of("sub", "demo-service-opaque", "exp", expiresAt), List.of());
        };
    }
}
