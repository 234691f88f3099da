package dev.tollgate.auth.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The one account that may read {@code /actuator/prometheus}; with no password nobody may. */
@ConfigurationProperties("tollgate.metrics")
public record MetricsScraperProperties(@DefaultValue("prometheus") String username, String password) {

    boolean enabled() {
        return password != null && !password.isEmpty();
    }
}
