package dev.tollgate.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * The environment variables an operator sets (the README's configuration tables), each standing for one
 * {@code tollgate.*} property. Spring Boot binds {@code TOLLGATE_API_AUDIENCE} by itself; the shorter names the
 * README publishes ({@code API_AUDIENCE}) are mapped here, without a default: every default lives in the
 * application's {@code @ConfigurationProperties} records. Each application subclasses this with its own table and
 * registers the subclass in its {@code META-INF/spring.factories}.
 * <p>
 * A variable that is set ranks as an environment variable does: over application.yml and the profile files, under
 * system properties and command-line arguments. The mapping runs right after Spring Boot has read the configuration
 * files, so every later post-processor (an application's start-up checks) already sees the mapped properties.
 */
public abstract class PublishedEnvironmentVariables implements EnvironmentPostProcessor, Ordered {

    /** The name of the property source that holds the mapped values. */
    public static final String PROPERTY_SOURCE_NAME = "tollgateEnvironmentVariables";

    private final Map<String, String> properties;

    /** @param properties each published variable's name, with the {@code tollgate.*} property it sets */
    protected PublishedEnvironmentVariables(Map<String, String> properties) {
        this.properties = Map.copyOf(properties);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> values = new LinkedHashMap<>();
        properties.forEach((variable, property) -> {
            String value = environment.getProperty(variable);
            if (value != null) {
                values.put(property, value);
            }
        });
        MapPropertySource variables = new MapPropertySource(PROPERTY_SOURCE_NAME, values);
        MutablePropertySources sources = environment.getPropertySources();
        if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables);
        }
        else {
            sources.addLast(variables);
        }
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
