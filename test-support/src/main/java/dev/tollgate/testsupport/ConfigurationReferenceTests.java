package dev.tollgate.testsupport;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration table of a module is what an operator reads, so it must say what the code does: every
 * {@code tollgate.*} property of the module's properties records (as the configuration processor's metadata lists
 * them), and no other, each once, with the environment variable the module's {@code EnvironmentVariables} maps to it
 * and the record's default. A module's {@code ConfigurationReferenceTest} extends this class and names its table.
 * The test methods are public so that JUnit runs them in subclasses of other packages.
 */
public abstract class ConfigurationReferenceTests {

    private final String section;
    private final ConfigurationReference reference;

    /** As {@link ConfigurationReference#ConfigurationReference(Class, String, Map)}. */
    protected ConfigurationReferenceTests(Class<?> moduleClass, String section, Map<String, String> variables) {
        this.section = section;
        this.reference = new ConfigurationReference(moduleClass, section, variables);
    }

    @Test
    public void theReadmeListsEveryPropertyAndNoOther() {
        assertThat(reference.propertiesMissingFromTheReadme())
                .as("tollgate.* properties of the code missing from the README's table under " + section)
                .isEmpty();
        assertThat(reference.readmeRowsTheCodeLacks())
                .as("tollgate.* properties in the README's table under " + section + " that the code lacks")
                .isEmpty();
        assertThat(reference.propertiesListedTwice())
                .as("tollgate.* properties listed twice in the README's table under " + section)
                .isEmpty();
    }

    @Test
    public void theReadmeNamesTheEnvironmentVariableOfEachProperty() {
        assertThat(reference.variablesOfUnknownProperties())
                .as("EnvironmentVariables maps to properties that the code does not have")
                .isEmpty();
        assertThat(reference.wrongVariables()).as("environment variables").isEmpty();
    }

    @Test
    public void theReadmeShowsTheDefaultOfEachProperty() {
        assertThat(reference.wrongDefaults()).as("defaults").isEmpty();
    }
}
