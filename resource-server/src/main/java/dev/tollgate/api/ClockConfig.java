package dev.tollgate.api;

import java.time.Clock;

import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of the API. Whatever depends on time (token expiry, the caches of verified tokens and
 * introspection answers, the introspection budget, when a user was last seen, the plausible publication years)
 * takes it from here, so that tests move time instead of waiting for it.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Bean Validation hands constraints a clock of its own; this makes it the API's. */
    @Bean
    ValidationConfigurationCustomizer validationOnTheClock(Clock clock) {
        return validation -> validation.clockProvider(() -> clock);
    }
}
