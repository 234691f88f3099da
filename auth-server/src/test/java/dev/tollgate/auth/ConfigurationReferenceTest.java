package dev.tollgate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.tollgate.testsupport.ConfigurationReference;

/**
 * The README's configuration table is what an operator reads, so it must say what the code does: every
 * {@code tollgate.*} property of the auth server's properties records ({@link AuthServerProperties} and one per
 * feature, as the configuration processor's metadata lists them), and no other, each once, with the environment
 * variable {@link EnvironmentVariables} maps to it and the record's default.
 */
class ConfigurationReferenceTest {

    private static final String SECTION = "### auth-server";

    private final ConfigurationReference reference =
            new ConfigurationReference(AuthServerProperties.class, SECTION, EnvironmentVariables.PROPERTIES);

    @Test
    void theReadmeListsEveryPropertyAndNoOther() {
        assertThat(reference.propertiesMissingFromTheReadme())
                .as("tollgate.* properties of the properties records missing from the README's table under " + SECTION)
                .isEmpty();
        assertThat(reference.readmeRowsTheCodeLacks())
                .as("tollgate.* properties in the README's table under " + SECTION + " that no properties record has")
                .isEmpty();
        assertThat(reference.propertiesListedTwice())
                .as("tollgate.* properties listed twice in the README's table under " + SECTION)
                .isEmpty();
    }

    @Test
    void theReadmeNamesTheEnvironmentVariableOfEachProperty() {
        assertThat(reference.variablesOfUnknownProperties())
                .as("EnvironmentVariables maps to properties that no properties record has")
                .isEmpty();
        assertThat(reference.wrongVariables()).as("environment variables").isEmpty();
    }

    @Test
    void theReadmeShowsTheDefaultOfEachProperty() {
        assertThat(reference.wrongDefaults()).as("defaults").isEmpty();
    }
}
