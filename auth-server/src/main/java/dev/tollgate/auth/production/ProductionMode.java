package dev.tollgate.auth.production;

import java.util.Arrays;

import org.springframework.core.env.Environment;

/**
 * Production is the {@code postgres} profile, or any run with {@code tollgate.production=true}: the start-up
 * checks of this package apply there.
 */
public final class ProductionMode {

    public static final String PROPERTY = "tollgate.production";
    public static final String POSTGRES_PROFILE = "postgres";
    public static final String DEMO_PROFILE = "demo";

    private ProductionMode() {
    }

    public static boolean isOn(Environment environment) {
        return isActive(environment, POSTGRES_PROFILE)
                || environment.getProperty(PROPERTY, Boolean.class, false);
    }

    static boolean isActive(Environment environment, String profile) {
        return Arrays.asList(environment.getActiveProfiles()).contains(profile);
    }
}
