package dev.tollgate.auth.freshsignin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Changes on the account page that would let whoever holds a stolen session keep the account: a new passkey, a new
 * TOTP secret, a new email address (which a password reset mails), and turning TOTP off without a password.
 *
 * @param freshSignIn how long after signing in a user may make those changes; after that they sign in again first
 */
@ConfigurationProperties("tollgate.account")
public record AccountSafetyProperties(@DefaultValue("10m") Duration freshSignIn) {
}
