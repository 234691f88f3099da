package dev.tollgate.testsupport;

import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The environment an application starts in, without starting it: for the tests of a module's
 * {@code EnvironmentVariables}, which maps the published environment variable names to {@code tollgate.*} properties.
 */
public final class StartingEnvironment {

    private StartingEnvironment() {
    }

    /**
     * A binder over an environment with these environment variables and system properties, after {@code processor}
     * has run on it as Spring Boot runs it at start-up.
     */
    public static Binder after(EnvironmentPostProcessor processor, Map<String, Object> variables,
            Map<String, Object> systemProperties) {
        StandardEnvironment environment = new StandardEnvironment();
        String environmentName = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        String systemName = StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME;
        environment.getPropertySources().replace(environmentName,
                new SystemEnvironmentPropertySource(environmentName, variables));
        environment.getPropertySources().replace(systemName, new MapPropertySource(systemName, systemProperties));
        processor.postProcessEnvironment(environment, null);
        return Binder.get(environment);
    }

    /** The post-processors Spring Boot would apply at every start, as registered in META-INF/spring.factories. */
    public static List<EnvironmentPostProcessor> registeredPostProcessors() {
        // Spring Boot's own post-processors need what only a starting application hands them: skipped here
        SpringFactoriesLoader.FailureHandler skipOthers = (type, implementation, failure) -> { };
        return SpringFactoriesLoader.forDefaultResourceLocation().load(EnvironmentPostProcessor.class, null,
                skipOthers);
    }
}
