package dev.tollgate.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One of Tollgate's applications run from the runnable jar ({@code *-exec.jar}) its module built, as a child
 * process on a given port (take it from {@link FreePorts}) with the {@code demo} profile. Its output is appended to
 * {@code target/jar-logs/<module>.log} of the calling module. The repository root is the system property
 * {@code tollgate.root} (the poms set it for failsafe), else the parent of the working directory.
 */
public final class RunningJar implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final String module;
    private final int port;
    private final Process process;
    private final Path log;
    /** Where this run's output starts in the log, which earlier runs of the same module wrote to as well. */
    private final long logStart;

    private RunningJar(String module, int port, Process process, Path log, long logStart) {
        this.module = module;
        this.port = port;
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    /** Starts {@code module}'s jar in a fresh working directory, so its H2 database under ./data starts empty. */
    public static RunningJar start(String module, int port, Map<String, String> environment) {
        try {
            return start(module, port, Files.createTempDirectory("tollgate-" + module), environment);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code module}'s jar in {@code workDir}; {@code environment} comes on top of {@code SERVER_PORT} and
     * {@code SPRING_PROFILES_ACTIVE=demo}. Returns at once: {@link #awaitHealthy()} waits for it to serve.
     */
    public static RunningJar start(String module, int port, Path workDir, Map<String, String> environment) {
        try {
            Path log = Path.of("target", "jar-logs", module + ".log").toAbsolutePath();
            Files.createDirectories(log.getParent());
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            // quick to start rather than fast when warm: the tests send few requests
            ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-jar", runnableJar(module).toString())
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("SERVER_PORT", String.valueOf(port));
            builder.environment().put("SPRING_PROFILES_ACTIVE", "demo");
            builder.environment().putAll(environment);
            return new RunningJar(module, port, builder.start(), log, logStart);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start " + module, e);
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The file this run's output went to, together with the earlier runs' of the same module. */
    public Path log() {
        return log;
    }

    /** What this run wrote so far (standard output and error). */
    public List<String> logLines() {
        return Arrays.asList(writtenSoFar().split("\\R"));
    }

    /**
     * Waits until this application answers healthy on its port. A healthy answer alone could come from another
     * process that got the port first (this one then fails to bind it and exits, but maybe only after the answer):
     * so only once this process has logged that its own web server listens on the port, which then no other
     * process can, is the answer taken to be this application's.
     */
    public void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        try {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(module + " exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    if (listensOnItsPort()
                            && http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                }
                catch (IOException notListeningYet) {
                    // polled again until the deadline
                }
                Thread.sleep(250);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + module, e);
        }
        throw new IllegalStateException(module + " was not healthy within " + START_TIMEOUT + "; see " + log);
    }

    /** Whether this run logged Spring Boot's "Tomcat started on port N (http) ..." for its port. */
    private boolean listensOnItsPort() {
        return writtenSoFar().contains("started on port " + port + " ");
    }

    private String writtenSoFar() {
        try {
            byte[] all = Files.readAllBytes(log);
            int start = (int) Math.min(logStart, all.length);
            // decoded leniently, since the log may end in the middle of a character while the application writes it
            return new String(all, start, all.length - start, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the application as an operator would (SIGTERM), and kills it if it has not ended in time. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path runnableJar(String module) throws IOException {
        Path target = Path.of(System.getProperty("tollgate.root", ".."), module, "target");
        if (!Files.isDirectory(target)) {
            throw new IllegalStateException("no " + target + ": build " + module + " first");
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runnable jar in " + target + ": build "
                            + module + " first"));
        }
    }
}
