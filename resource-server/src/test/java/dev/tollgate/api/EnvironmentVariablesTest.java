package dev.tollgate.api;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.testsupport.StartingEnvironment;

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
        assertThat(StartingEnvironment.registeredPostProcessors())
                .hasAtLeastOneElementOfType(EnvironmentVariables.class);
    }

    private static ApiProperties bind(Map<String, Object> variables, Map<String, Object> systemProperties) {
        return StartingEnvironment.after(new EnvironmentVariables(), variables, systemProperties)
                .bindOrCreate("tollgate", ApiProperties.class);
    }
}
