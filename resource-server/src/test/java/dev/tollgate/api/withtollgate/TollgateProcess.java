package dev.tollgate.api.withtollgate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final TollgateProcess SHARED = new TollgateProcess();

    private final int port = freePort();
    private final Path workDir;
    private final Path log;
    private Process process;

    private TollgateProcess() {
        try {
            workDir = Files.createTempDirectory("tollgate-auth-server");
            log = Path.of("target", "tollgate-auth-server.log").toAbsolutePath();
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
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", runnableJar().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("SPRING_PROFILES_ACTIVE", "demo");
        builder.environment().put("AUTH_ISSUER", issuer());
        builder.environment().put("API_AUDIENCE", AUDIENCE);
        builder.environment().put("DB_URL", databaseUrl());
        try {
            process = builder.start();
            awaitHealthy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
                    throw new IllegalStateException("the demo data never appeared; see " + log);
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

    /** The auth server's H2 file; AUTO_SERVER lets this test connect to it while the process has it open. */
    private String databaseUrl() {
        return "jdbc:h2:file:" + workDir.resolve("data/auth-server")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(issuer() + "/actuator/health")).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the auth server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // polled again until the deadline
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the auth server was not healthy within " + START_TIMEOUT + "; see " + log);
    }

    private static Path runnableJar() {
        Path target = Path.of(System.getProperty("tollgate.root", ".."), "auth-server", "target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runnable jar in " + target + ": build auth-server first"));
        } catch (IOException e) {
            throw new UncheckedIOException("no " + target + ": build auth-server first", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
