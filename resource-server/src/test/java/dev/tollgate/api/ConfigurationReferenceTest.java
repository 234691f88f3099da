package dev.tollgate.api;

import dev.tollgate.testsupport.ConfigurationReferenceTests;

/** The README's configuration table under "### resource-server" against {@link ApiProperties} and {@link EnvironmentVariables}. */
class ConfigurationReferenceTest extends ConfigurationReferenceTests {

    ConfigurationReferenceTest() {
        super(ApiProperties.class, "### resource-server", EnvironmentVariables.PROPERTIES);
    }
}
