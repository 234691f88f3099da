package dev.tollgate.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One of Tollgate's applications, started from the runnable jar its module built, as its own process on a
 * free port with its own working directory (so its H2 database under ./data starts empty).
 */
final class RunningApp implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final int PORT_ATTEMPTS = 100;
    /** Every port {@link #freePort()} handed out in this JVM (all the test classes of the module share it). */
    private static final Set<Integer> HANDED_OUT_PORTS = ConcurrentHashMap.newKeySet();

    private final String module;
    private final int port;
    private final Process process;
    private final Path log;

    private RunningApp(String module, int port, Process process, Path log) {
        this.module = module;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * A port that nothing listened on just now and that this JVM never handed out before. The probe socket is
     * closed before the app binds the port (seconds later), so the kernel may offer the same port again to the
     * next call: two apps of one test were once given the same port, and requests meant for one were answered by
     * the other. Hence the ports handed out are remembered, and a port offered again is skipped.
     */
    static int freePort() {
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            int port = unusedPort();
            if (HANDED_OUT_PORTS.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no port that was not handed out already in " + PORT_ATTEMPTS + " attempts");
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RunningApp start(String module, int port, Map<String, String> environment) throws IOException {
        Path workDir = Files.createTempDirectory("tollgate-e2e-" + module);
        Path log = Path.of("target", "e2e-logs", module + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", runnableJar(module).toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("SPRING_PROFILES_ACTIVE", "demo");
        builder.environment().putAll(environment);
        return new RunningApp(module, port, builder.start(), log);
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** What the process wrote so far (standard output and error). */
    List<String> logLines() throws IOException {
        return Files.readAllLines(log);
    }

    /**
     * Waits until this app answers healthy on its port. A healthy answer alone could come from another process
     * that got the port first (this app then fails to bind it and exits, but maybe only after the answer): so
     * only once this process has logged that its own web server listens on the port, which then no other process
     * can, is the answer taken to be this app's.
     */
    void awaitHealthy() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (listensOnItsPort()
                        && http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(module + " was not healthy within " + START_TIMEOUT + "; see " + log);
    }

    /** Whether the log has Spring Boot's "Tomcat started on port N (http) ..." for this app's port. */
    private boolean listensOnItsPort() throws IOException {
        // as bytes, since the log may end in the middle of a character while the app writes it
        String written = new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1);
        return written.contains("started on port " + port + " ");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path runnableJar(String module) throws IOException {
        Path target = Path.of(System.getProperty("tollgate.root", ".."), module, "target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runnable jar in " + target + ": build the modules first"));
        }
    }
}
