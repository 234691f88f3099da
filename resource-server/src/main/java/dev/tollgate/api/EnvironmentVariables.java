package dev.tollgate.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static java.util.Map.entry;

/**
 * The environment variables an operator sets (the README's configuration table), each standing for one
 * {@code tollgate.*} property of {@link ApiProperties}. Spring Boot binds {@code TOLLGATE_API_AUDIENCE} by itself;
 * these shorter names are the published ones, so they are mapped here, and here only, without a default: every
 * default lives in {@link ApiProperties}. A variable that is set ranks as an environment variable does: over
 * application.yml, under system properties and command-line arguments.
 */
class EnvironmentVariables implements EnvironmentPostProcessor {

    static final Map<String, String> PROPERTIES = Map.ofEntries(
            entry("AUTH_ISSUER", "tollgate.issuer"),
            entry("API_AUDIENCE", "tollgate.api.audience"),
            entry("API_CLOCK_SKEW", "tollgate.api.clock-skew"),
            entry("INTROSPECTION_CLIENT_ID", "tollgate.api.introspection.client-id"),
            entry("INTROSPECTION_CLIENT_SECRET", "tollgate.api.introspection.client-secret"),
            entry("INTROSPECTION_CACHE_TTL", "tollgate.api.introspection.cache-ttl"),
            entry("INTROSPECTION_INACTIVE_CACHE_TTL", "tollgate.api.introspection.inactive-cache-ttl"),
            entry("INTROSPECTION_UNKNOWN_TOKENS_PER_ADDRESS", "tollgate.api.introspection.unknown-tokens-per-address"),
            entry("INTROSPECTION_UNKNOWN_TOKENS_PERIOD", "tollgate.api.introspection.unknown-tokens-period"),
            entry("API_CORS_ALLOWED_ORIGINS", "tollgate.api.cors.allowed-origins"),
            entry("USERS_LAST_SEEN_INTERVAL", "tollgate.api.users.last-seen-interval"),
            entry("API_MAX_REQUEST_BODY", "tollgate.api.max-request-body"),
            entry("API_VERIFIED_JWT_CACHE_TTL", "tollgate.api.verified-jwt-cache-ttl"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> values = new LinkedHashMap<>();
        PROPERTIES.forEach((variable, property) -> {
            String value = environment.getProperty(variable);
            if (value != null) {
                values.put(property, value);
            }
        });
        MapPropertySource variables = new MapPropertySource("tollgateEnvironmentVariables", values);
        environment.getPropertySources()
                .addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables);
    }
}
