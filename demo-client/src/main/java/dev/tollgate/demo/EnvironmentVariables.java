package dev.tollgate.demo;

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
 * {@code tollgate.*} property of {@link DemoClientProperties}. Spring Boot binds {@code TOLLGATE_DEMO_API_URL} by
 * itself; these shorter names are the published ones, so they are mapped here, and here only, without a default:
 * every default lives in {@link DemoClientProperties}. A variable that is set ranks as an environment variable does:
 * over application.yml, under system properties and command-line arguments.
 */
class EnvironmentVariables implements EnvironmentPostProcessor {

    static final Map<String, String> PROPERTIES = Map.ofEntries(
            entry("AUTH_ISSUER", "tollgate.issuer"),
            entry("API_URL", "tollgate.demo.api-url"),
            entry("DEMO_WEB_CLIENT_ID", "tollgate.demo.client-id"),
            entry("DEMO_WEB_SECRET", "tollgate.demo.client-secret"));

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
