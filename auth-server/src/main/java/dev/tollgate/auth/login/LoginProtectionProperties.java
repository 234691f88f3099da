package dev.tollgate.auth.login;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Brute-force protection of the sign-in form. After {@code maxFailuresPerAccount} failed sign-ins for one username
 * (or {@code maxFailuresPerAddress} from one client address) that username (address) is locked for
 * {@code lockout}; every further failure after a lock doubles it, up to {@code maxLockout}, so a lock never
 * lasts for ever. Failures older than {@code forgetAfter} are forgotten; a successful sign-in forgets the account's.
 */
@ConfigurationProperties("tollgate.login")
public record LoginProtectionProperties(
        @DefaultValue("5") int maxFailuresPerAccount,
        @DefaultValue("20") int maxFailuresPerAddress,
        @DefaultValue("1m") Duration lockout,
        @DefaultValue("15m") Duration maxLockout,
        @DefaultValue("24h") Duration forgetAfter) {
}
