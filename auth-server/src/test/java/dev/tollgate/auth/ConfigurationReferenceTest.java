package dev.tollgate.auth;

import dev.tollgate.testsupport.ConfigurationReferenceTests;

/** The README's configuration table under "### auth-server" against the auth server's properties records ({@link AuthServerProperties} and one per feature) and {@link EnvironmentVariables}. */
class ConfigurationReferenceTest extends ConfigurationReferenceTests {

    ConfigurationReferenceTest() {
        super(AuthServerProperties.class, "### auth-server", EnvironmentVariables.PROPERTIES);
    }
}
