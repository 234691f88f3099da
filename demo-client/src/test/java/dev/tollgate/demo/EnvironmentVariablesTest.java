package dev.tollgate.demo;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.testsupport.StartingEnvironment;

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
        assertThat(StartingEnvironment.registeredPostProcessors())
                .hasAtLeastOneElementOfType(EnvironmentVariables.class);
    }

    private static DemoClientProperties bind(Map<String, Object> variables, Map<String, Object> systemProperties) {
        return StartingEnvironment.after(new EnvironmentVariables(), variables, systemProperties)
                .bindOrCreate("tollgate", DemoClientProperties.class);
    }
}
