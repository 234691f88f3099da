package dev.tollgate.auth.keys;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.keys.*}: the secret that encrypts private signing keys at rest (blank: a development key, with a
 * warning), how old the signing key may get before it is rotated, and how often that is checked.
 */
@ConfigurationProperties("tollgate.keys")
public record KeyProperties(
        @DefaultValue("") String encryptionSecret,
        @DefaultValue("30d") Duration rotationInterval,
        @DefaultValue("10m") Duration checkInterval) {

    public boolean usesDevelopmentSecret() {
        return encryptionSecret == null || encryptionSecret.isBlank();
    }
}
