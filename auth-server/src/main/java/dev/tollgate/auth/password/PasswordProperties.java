package dev.tollgate.auth.password;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How user passwords are hashed. Raising {@code bcryptStrength} re-hashes each user's password at their next
 * successful sign-in.
 */
@ConfigurationProperties("tollgate.password")
public record PasswordProperties(@DefaultValue("10") int bcryptStrength) {
}
