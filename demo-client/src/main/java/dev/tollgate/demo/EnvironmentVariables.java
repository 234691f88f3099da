package dev.tollgate.demo;

import java.util.Map;

import dev.tollgate.config.PublishedEnvironmentVariables;

import static java.util.Map.entry;

/**
 * The environment variables of the README's configuration table, each with the {@code tollgate.*} property of
 * {@link DemoClientProperties} it sets; the defaults live in {@link DemoClientProperties} only.
 */
class EnvironmentVariables extends PublishedEnvironmentVariables {

    static final Map<String, String> PROPERTIES = Map.ofEntries(
            entry("AUTH_ISSUER", "tollgate.issuer"),
            entry("API_URL", "tollgate.demo.api-url"),
            entry("DEMO_WEB_CLIENT_ID", "tollgate.demo.client-id"),
            entry("DEMO_WEB_SECRET", "tollgate.demo.client-secret"));

    EnvironmentVariables() {
        super(PROPERTIES);
    }
}
