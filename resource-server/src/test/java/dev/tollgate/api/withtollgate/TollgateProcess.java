package dev.tollgate.api.withtollgate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.tollgate.testsupport.FreePorts;
import dev.tollgate.testsupport.RunningJar;
import dev.tollgate.testsupport.TestDatabases;

/**
 * The real Tollgate auth server, run from the jar its module built, as a child process with the demo data on a
 * free port and its own working directory. One process serves every test class of the JVM; it can be stopped
 * and started again on the same port and database, as an outage would.
 */
final class TollgateProcess {

    /** The audience the API is configured with; Tollgate puts it into every access token. */
    static final String AUDIENCE = "http://api.tollgate.test";
    /** A copy of demo-web whose access tokens are opaque: the demo data has no user client with opaque tokens. */
    static final String OPAQUE_WEB_CLIENT = "demo-web-opaque";
    /** A copy of demo-service whose JWTs live only {@link #SHORT_TOKEN_TTL}. */
    static final String SHORT_LIVED_SERVICE = "demo-service-short";
    /**
     * Short, for a test that waits for expiry, yet long enough that a loaded machine still uses the token before
     * it expires (with 3 s, the first call was once already too late).
     */
    static final Duration SHORT_TOKEN_TTL = Duration.ofSeconds(10);

    private static final TollgateProcess SHARED = new TollgateProcess();

    private final int port = FreePorts.next();
    private final Path workDir;
    private RunningJar process;

    private TollgateProcess() {
        try {
            workDir = Files.createTempDirectory("tollgate-auth-server");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    }

    /** The shared auth server, started (and given the test clients) on first use. */
    static synchronized TollgateProcess shared() {
        if (SHARED.process == null) {
            SHARED.start();
            SHARED.registerTestClients();
        }
        return SHARED;
    }

    String issuer() {
        return "http://localhost:" + port;
    }

    synchronized void start() {
        if (process != null) {
            return;
        }
        process = RunningJar.start("auth-server", port, workDir, Map.of(
                "AUTH_ISSUER", issuer(),
                "API_AUDIENCE", AUDIENCE,
                "DB_URL", databaseUrl()));
        process.awaitHealthy();
    }

    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.close();
        process = null;
    }

    /**
     * Registers two more clients the way an operator would, as rows in {@code oauth2_registered_client}: copies of
     * demo clients with another token format or lifetime. Retried until the demo data is there.
     */
    private void registerTestClients() {
        String copy = "insert into oauth2_registered_client (id, client_id, client_secret, client_name, "
                + "client_authentication_methods, authorization_grant_types, redirect_uris, post_logout_redirect_uris, "
                + "scopes, client_settings, token_settings) select '%s', '%s', client_secret, client_name, "
                + "client_authentication_methods, authorization_grant_types, redirect_uris, post_logout_redirect_uris, "
                + "scopes, client_settings, replace(token_settings, '%s', '%s') from oauth2_registered_client "
                + "where client_id = '%s'";
        Instant deadline = Instant.now().plusSeconds(30);
        try (Connection db = DriverManager.getConnection(databaseUrl(), "sa", ""); Statement sql = db.createStatement()) {
            while (sql.executeUpdate(copy.formatted(OPAQUE_WEB_CLIENT, OPAQUE_WEB_CLIENT,
                    "\"value\":\"self-contained\"", "\"value\":\"reference\"", "demo-web")) == 0) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the demo data never appeared; see " + process.log());
                }
                Thread.sleep(200);
            }
            sql.executeUpdate(copy.formatted(SHORT_LIVED_SERVICE, SHORT_LIVED_SERVICE,
                    "\"settings.token.access-token-time-to-live\":[\"java.time.Duration\",\"PT5M\"]",
                    "\"settings.token.access-token-time-to-live\":[\"java.time.Duration\",\"" + SHORT_TOKEN_TTL + "\"]",
                    "demo-service"));
        } catch (SQLException e) {
            throw new IllegalStateException("could not register the test clients", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The auth server's H2 file, which this test writes the test clients to while the process has it open. */
    private String databaseUrl() {
        return TestDatabases.h2File(workDir.resolve("data/auth-server"));
    }
}
