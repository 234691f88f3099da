package dev.tollgate.auth.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Requests allowed per {@code period} on the token, introspection, revocation and registration endpoints: per
 * client address ({@code perAddress}, all those endpoints together) and per authenticated client
 * ({@code perClient}); posts of a password form (sign-in, linking a social login to an account) have their own,
 * tighter budget per address ({@code loginPerAddress}).
 * Counted in memory by each instance.
 */
@ConfigurationProperties("tollgate.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1m") Duration period,
        @DefaultValue("600") long perAddress,
        @DefaultValue("300") long perClient,
        @DefaultValue("30") long loginPerAddress) {
}
