package dev.tollgate.auth.keys;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.keys.*}: the secret that encrypts private signing keys at rest (unset or blank: a development key,
 * with a warning), how old the signing key may get before it is rotated, how often that is checked, and the algorithm of
 * new keys.
 */
@ConfigurationProperties("tollgate.keys")
public record KeyProperties(
        String encryptionSecret,
        @DefaultValue("30d") Duration rotationInterval,
        @DefaultValue("10m") Duration checkInterval,
        @DefaultValue("RS256") SigningAlgorithm algorithm) {

    /** {@link #checkInterval} for {@code @Scheduled}: read from this record's bean when the job is scheduled. */
    static final String CHECK_INTERVAL =
            "#{beanFactory.getBean(T(dev.tollgate.auth.keys.KeyProperties)).checkInterval()}";

    public boolean usesDevelopmentSecret() {
        return encryptionSecret == null || encryptionSecret.isBlank();
    }
}
