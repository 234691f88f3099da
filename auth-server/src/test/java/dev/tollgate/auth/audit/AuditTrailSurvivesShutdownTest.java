package dev.tollgate.auth.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tollgate.auth.AuthServerApplication;
import dev.tollgate.auth.support.OAuthHttp;
import dev.tollgate.testsupport.TestDatabases;

/**
 * A normal shutdown writes the events still queued: with an hour between flushes, only the shutdown can have
 * written them.
 */
class AuditTrailSurvivesShutdownTest {

    private static final String DATABASE = TestDatabases.h2("audit-shutdown-test");

    @Test
    void eventsQueuedAtShutdownAreWritten() throws Exception {
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(AuthServerApplication.class)
                .profiles("demo", "test")
                .run("--server.port=0", "--spring.datasource.url=" + DATABASE, "--tollgate.events.flush-interval=1h")) {
            OAuthHttp http = new OAuthHttp(((WebServerApplicationContext) server).getWebServer().getPort());
            for (int i = 0; i < 3; i++) {
                assertThat(http.clientCredentials("demo-service", "demo-service-secret", null).status()).isEqualTo(200);
            }
        }
        try (Connection database = DriverManager.getConnection(DATABASE, "sa", "");
                Statement statement = database.createStatement();
                ResultSet issued = statement.executeQuery(
                        "SELECT count(*) FROM security_event WHERE type = 'TOKEN_ISSUED' AND client_id = 'demo-service'")) {
            issued.next();
            assertThat(issued.getLong(1)).isEqualTo(3);
        }
    }
}
