package dev.tollgate.auth.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * With the actuator on the class path, Spring Security observes every filter of every chain and every
 * authentication, and the meter handler turns each event into a counter lookup: profiled, about a quarter of the
 * token endpoint's CPU. Request timings ({@code http.server.requests}) stay.
 */
@Configuration(proxyBeanMethods = false)
class ObservationConfig {

    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
