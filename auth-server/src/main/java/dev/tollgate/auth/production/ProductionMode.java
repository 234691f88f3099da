package dev.tollgate.auth.production;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Production is decided by configuration, never by a profile name: {@code tollgate.production=true}, or, when that
 * is not set, a PostgreSQL database ({@code spring.datasource.url}). The start-up checks of this package apply
 * there. {@code tollgate.production=false} is for throwaway databases only (the test suite, benchmarks).
 */
public final class ProductionMode {

    public static final String PROPERTY = "tollgate.production";
    public static final String DATABASE_URL = "spring.datasource.url";

    /** The profiles that seed users and clients whose passwords and secrets are published. */
    public static final List<String> DEMO_PROFILES = List.of("demo", "demo-upstream");

    private ProductionMode() {
    }

    /** Decided before the application context exists (the start-up checks run then), so bound here. */
    public static boolean isOn(Environment environment) {
        return isOn(properties(environment), environment);
    }

    public static boolean isOn(ProductionProperties properties, Environment environment) {
        Boolean configured = properties.production();
        return configured != null ? configured : usesPostgresql(environment);
    }

    static ProductionProperties properties(Environment environment) {
        return Binder.get(environment).bindOrCreate("tollgate", ProductionProperties.class);
    }

    static boolean usesPostgresql(Environment environment) {
        return environment.getProperty(DATABASE_URL, "").strip().toLowerCase(Locale.ROOT)
                .startsWith("jdbc:postgresql:");
    }

    static boolean isActive(Environment environment, String profile) {
        return Arrays.asList(environment.getActiveProfiles()).contains(profile);
    }
}
