package dev.tollgate.demo;

import java.net.URI;
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
        DemoClientProperties properties = bind(Map.of("AUTH_ISSUER", "https://login.example.com",
                "DEMO_WEB_SECRET", "s3cret"), Map.of());

        assertThat(properties.issuer()).isEqualTo("https://login.example.com");
        assertThat(properties.demo().clientSecret()).isEqualTo("s3cret");
        assertThat(properties.demo().clientId()).isEqualTo("demo-web");
        assertThat(properties.demo().apiUrl()).isEqualTo(URI.create("http://localhost:8080"));
    }

    @Test
    void theFullPropertyNameAsASystemPropertyStillWins() {
        DemoClientProperties properties = bind(Map.of("API_URL", "https://api.example.com"),
                Map.of("tollgate.demo.api-url", "https://books.example.com"));

        assertThat(properties.demo().apiUrl()).isEqualTo(URI.create("https://books.example.com"));
    }

    @Test
    void springBootAppliesItAtEveryStart() {
        // Spring Boot's own post-processors need what only a starting application hands them: skipped here
        SpringFactoriesLoader.FailureHandler skipOthers = (type, implementation, failure) -> { };
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
                .load(EnvironmentPostProcessor.class, null, skipOthers))
                .hasAtLeastOneElementOfType(EnvironmentVariables.class);
    }

    private static DemoClientProperties bind(Map<String, Object> variables, Map<String, Object> systemProperties) {
        StandardEnvironment environment = new StandardEnvironment();
        String environmentName = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        String systemName = StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME;
        environment.getPropertySources().replace(environmentName,
                new SystemEnvironmentPropertySource(environmentName, variables));
        environment.getPropertySources().replace(systemName, new MapPropertySource(systemName, systemProperties));
        new EnvironmentVariables().postProcessEnvironment(environment, null);
        return Binder.get(environment).bindOrCreate("tollgate", DemoClientProperties.class);
    }
}
