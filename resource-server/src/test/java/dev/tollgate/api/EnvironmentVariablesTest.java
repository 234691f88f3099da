package dev.tollgate.api;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentVariablesTest {

    @Test
    void aPublishedVariableSetsItsPropertyAndEveryOtherKeepsItsDefault() {
        ApiProperties properties = bind(Map.of("AUTH_ISSUER", "https://login.example.com", "API_CLOCK_SKEW", "5s"),
                Map.of());

        assertThat(properties.issuer()).hasToString("https://login.example.com");
        assertThat(properties.api().clockSkew()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.api().audience()).isEqualTo("http://localhost:8080");
        assertThat(properties.api().introspection().cacheTtl()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theFullPropertyNameAsASystemPropertyStillWins() {
        ApiProperties properties = bind(Map.of("AUTH_ISSUER", "https://login.example.com"),
                Map.of("tollgate.issuer", "https://other.example.com"));

        assertThat(properties.issuer()).hasToString("https://other.example.com");
    }

    @Test
    void springBootAppliesItAtEveryStart() {
        // Spring Boot's own post-processors need what only a starting application hands them: skipped here
        SpringFactoriesLoader.FailureHandler skipOthers = (type, implementation, failure) -> { };
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
                .load(EnvironmentPostProcessor.class, null, skipOthers))
                .hasAtLeastOneElementOfType(EnvironmentVariables.class);
    }

    private static ApiProperties bind(Map<String, Object> variables, Map<String, Object> systemProperties) {
        StandardEnvironment environment = new StandardEnvironment();
        String environmentName = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        String systemName = StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME;
        environment.getPropertySources().replace(environmentName,
                new SystemEnvironmentPropertySource(environmentName, variables));
        environment.getPropertySources().replace(systemName, new MapPropertySource(systemName, systemProperties));
        new EnvironmentVariables().postProcessEnvironment(environment, null);
        return Binder.get(environment).bindOrCreate("tollgate", ApiProperties.class);
    }
}
