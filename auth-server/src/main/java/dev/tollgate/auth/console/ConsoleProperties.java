package dev.tollgate.auth.console;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin console at {@code /admin}.
 *
 * @param freshSignIn how long after signing in an administrator may change anything in the console; after that a
 *                    change asks them to sign in again first
 */
@ConfigurationProperties("tollgate.admin-console")
public record ConsoleProperties(@DefaultValue("15m") Duration freshSignIn) {
}
