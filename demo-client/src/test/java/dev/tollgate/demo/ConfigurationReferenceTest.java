package dev.tollgate.demo;

import dev.tollgate.testsupport.ConfigurationReferenceTests;

/** The README's configuration table under "### demo-client" against {@link DemoClientProperties} and {@link EnvironmentVariables}. */
class ConfigurationReferenceTest extends ConfigurationReferenceTests {

    ConfigurationReferenceTest() {
        super(DemoClientProperties.class, "### demo-client", EnvironmentVariables.PROPERTIES);
    }
}
