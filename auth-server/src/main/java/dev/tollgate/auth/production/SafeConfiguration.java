package dev.tollgate.auth.production;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

import dev.tollgate.auth.AuthServerProperties;
import dev.tollgate.auth.keys.KeyProperties;

/**
 * Checks the configuration before anything starts (after the profiles and application.yml are read): in production
 * ({@link ProductionMode}: a PostgreSQL database, or tollgate.production=true) no demo profile runs, the issuer is
 * https and the key-encryption secret is real. The context does not exist yet, so the settings are bound here from
 * the environment, to the records that hold their defaults.
 */
class SafeConfiguration implements EnvironmentPostProcessor, Ordered {

    static final String ISSUER = "tollgate.issuer";
    static final String KEY_ENCRYPTION_SECRET = "tollgate.keys.encryption-secret";
    static final int MIN_SECRET_LENGTH = 32;

    /** Values that appear in examples and defaults: a secret everybody can read protects nothing. */
    private static final Set<String> WELL_KNOWN_SECRETS = Set.of("change-me", "changeme", "secret", "password",
            "demo", "tollgate", "demo-key-encryption-secret", "change-me-to-a-long-random-secret",
            "tollgate-development-only-key-encryption-secret");

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        check(environment);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    static void check(Environment environment) {
        ProductionProperties production = ProductionMode.properties(environment);
        if (!ProductionMode.isOn(production, environment)) {
            return;
        }
        for (String demo : ProductionMode.DEMO_PROFILES) {
            if (ProductionMode.isActive(environment, demo)) {
                throw demoProfileRefusal(environment, demo);
            }
        }
        Binder binder = Binder.get(environment);
        checkIssuer(binder.bindOrCreate("tollgate", AuthServerProperties.class).issuer(),
                production.allowHttpLoopbackIssuer());
        checkKeyEncryptionSecret(binder.bindOrCreate("tollgate.keys", KeyProperties.class).encryptionSecret());
    }

    private static UnsafeStartException demoProfileRefusal(Environment environment, String profile) {
        String where = ProductionMode.usesPostgresql(environment) ? "on a PostgreSQL database"
                : "in production (" + ProductionMode.PROPERTY + "=true)";
        return new UnsafeStartException("the '" + profile + "' profile is active " + where + ". It seeds users "
                + "and clients whose passwords and secrets are published.",
                "Remove '" + profile + "' from SPRING_PROFILES_ACTIVE: the demo profiles are for local runs on H2. "
                        + "Only a throwaway PostgreSQL database (a test) may run them, with TOLLGATE_PRODUCTION=false.");
    }

    private static void checkIssuer(String issuer, boolean allowHttpLoopbackIssuer) {
        URI uri;
        try {
            uri = URI.create(issuer);
        }
        catch (IllegalArgumentException malformed) {
            throw new UnsafeStartException("the issuer (" + ISSUER + ") is not a URL.",
                    "Set AUTH_ISSUER to the public https URL of this server, e.g. https://login.example.com.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ("https".equals(scheme) && uri.getHost() != null) {
            return;
        }
        boolean loopback = "http".equals(scheme) && uri.getHost() != null
                && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (loopback && allowHttpLoopbackIssuer) {
            return;
        }
        throw new UnsafeStartException("the issuer '" + issuer + "' is not an https URL. Tokens, codes and "
                + "passwords would travel in clear text.",
                "Set AUTH_ISSUER to the public https URL of this server (TLS at the server or at a reverse proxy, see "
                        + "README 'TLS and reverse proxies'). For a machine-local test only, an http://localhost "
                        + "issuer is allowed with TOLLGATE_ALLOW_HTTP_LOOPBACK_ISSUER=true.");
    }

    private static void checkKeyEncryptionSecret(String configuredSecret) {
        String secret = configuredSecret == null ? "" : configuredSecret.strip();
        if (secret.isEmpty()) {
            throw new UnsafeStartException("no key-encryption secret (" + KEY_ENCRYPTION_SECRET + ") is set: the "
                    + "signing keys in the database would not be protected at rest.",
                    "Set TOLLGATE_KEY_ENCRYPTION_SECRET to a random value of at least " + MIN_SECRET_LENGTH
                            + " characters, e.g. the output of 'openssl rand -base64 32', kept outside the image.");
        }
        if (secret.length() < MIN_SECRET_LENGTH || WELL_KNOWN_SECRETS.contains(secret.toLowerCase(Locale.ROOT))) {
            throw new UnsafeStartException("the key-encryption secret (" + KEY_ENCRYPTION_SECRET + ") is a default "
                    + "or shorter than " + MIN_SECRET_LENGTH + " characters.",
                    "Set TOLLGATE_KEY_ENCRYPTION_SECRET to a random value, e.g. the output of "
                            + "'openssl rand -base64 32'.");
        }
    }
}
