package dev.tollgate.demo;

import org.junit.jupiter.api.Test;

import dev.tollgate.testsupport.ConfigurationReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration table is what an operator reads, so it must say what the code does: every
 * {@code tollgate.*} property of {@link DemoClientProperties} (as the configuration processor's metadata lists them), and no
 * other, each once, with the environment variable {@link EnvironmentVariables} maps to it and the record's default.
 */
class ConfigurationReferenceTest {

    private static final String SECTION = "### demo-client";

    private final ConfigurationReference reference =
            new ConfigurationReference(DemoClientProperties.class, SECTION, EnvironmentVariables.PROPERTIES);

    @Test
    void theReadmeListsEveryPropertyAndNoOther() {
        assertThat(reference.propertiesMissingFromTheReadme())
                .as("tollgate.* properties of DemoClientProperties missing from the README's table under " + SECTION)
                .isEmpty();
        assertThat(reference.readmeRowsTheCodeLacks())
                .as("tollgate.* properties in the README's table under " + SECTION + " that DemoClientProperties lacks")
                .isEmpty();
        assertThat(reference.propertiesListedTwice())
                .as("tollgate.* properties listed twice in the README's table under " + SECTION)
                .isEmpty();
    }

    @Test
    void theReadmeNamesTheEnvironmentVariableOfEachProperty() {
        assertThat(reference.variablesOfUnknownProperties())
                .as("EnvironmentVariables maps to properties that DemoClientProperties does not have")
                .isEmpty();
        assertThat(reference.wrongVariables()).as("environment variables").isEmpty();
    }

    @Test
    void theReadmeShowsTheDefaultOfEachProperty() {
        assertThat(reference.wrongDefaults()).as("defaults").isEmpty();
    }
}
