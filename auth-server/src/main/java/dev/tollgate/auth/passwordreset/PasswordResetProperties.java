package dev.tollgate.auth.passwordreset;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.password-reset.*} (README "Forgotten passwords").
 *
 * @param linkValidity how long a reset link works
 * @param mailsPerUser at most this many reset mails go to one account within {@code linkValidity}, however many
 *        addresses ask: nobody can flood a mailbox, and a link already on its way stays the one to use
 */
@ConfigurationProperties("tollgate.password-reset")
public record PasswordResetProperties(
        @DefaultValue("15m") Duration linkValidity,
        @DefaultValue("3") int mailsPerUser) {
}
