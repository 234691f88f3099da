package dev.tollgate.auth.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Requests allowed per {@code period} on the token, introspection, revocation and registration endpoints: per
 * client address ({@code perAddress}, all those endpoints together) and per authenticated client
 * ({@code perClient}); posts of a password form (sign-in, linking a social login to an account) have their own,
 * tighter budget per address ({@code loginPerAddress}), and requests for a password reset mail a tighter one still
 * ({@code passwordResetPerAddress}), so that nobody floods a mailbox or the outbox from one address. Accounts
 * created at {@code /register} are counted per address and hour ({@code signUpsPerAddress}), whatever the period.
 * Introspection is what a resource server does for every opaque token its callers bring, at a rate set by its own
 * traffic: an authenticated client's introspection calls have a budget of their own
 * ({@code introspectionPerClient}, a guard against a runaway client only) and cost its address nothing; only
 * introspection requests that fail (no or wrong client credentials) count against the address.
 * Wrong user codes entered on the device verification page count per period against their address
 * ({@code userCodeGuessesPerAddress}) and their browser session ({@code userCodeGuessesPerSession}): RFC 8628 §5.1.
 * Counted in buckets that every instance shares in the database: an instance writes what it counted at least
 * every {@code syncInterval}, or sooner once it has taken a twentieth of a limit (see the README: with N instances
 * a key can get up to (N - 1) twentieths of its limit more than the limit).
 */
@ConfigurationProperties("tollgate.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1m") Duration period,
        @DefaultValue("600") long perAddress,
        @DefaultValue("300") long perClient,
        @DefaultValue("12000") long introspectionPerClient,
        @DefaultValue("30") long loginPerAddress,
        @DefaultValue("5") long passwordResetPerAddress,
        @DefaultValue("10") long signUpsPerAddress,
        @DefaultValue("10") long userCodeGuessesPerAddress,
        @DefaultValue("5") long userCodeGuessesPerSession,
        @DefaultValue("50ms") Duration syncInterval) {
}
