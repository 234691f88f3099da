package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so docker-compose.yml is checked against the applications instead: every
 * service it builds is a module, every environment variable it sets is one the module's configuration reads (a
 * placeholder of its application*.yml or an entry of its EnvironmentVariables table),
 * every port and database it names is the one the others expect, and health checks gate the start order.
 */
class ComposeFileIT {

    private static final Path ROOT = Path.of(System.getProperty("tollgate.root", "..")).toAbsolutePath();

    /** Read by Spring Boot itself rather than through a ${...} placeholder. */
    private static final Set<String> READ_BY_SPRING_BOOT = Set.of("SPRING_PROFILES_ACTIVE");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    /** An entry of a module's EnvironmentVariables table: {@code entry("AUTH_ISSUER", "tollgate.issuer")}. */
    private static final Pattern PUBLISHED_VARIABLE = Pattern.compile("entry\\(\"([A-Z][A-Z0-9_]*)\",");

    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readComposeFile() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void itRunsPostgresTwoAuthServersBehindAProxyTheApiAndTheDemoApp() {
        assertThat(services).containsOnlyKeys("postgres", "auth-server-1", "auth-server-2", "auth-proxy",
                "resource-server", "demo-client");
        assertThat(module("auth-server-1")).isEqualTo("auth-server");
        assertThat(module("auth-server-2")).isEqualTo("auth-server");
        assertThat(module("resource-server")).isEqualTo("resource-server");
        assertThat(module("demo-client")).isEqualTo("demo-client");
    }

    @Test
    void everyEnvironmentVariableOfAnApplicationIsOneItsConfigurationReads() throws IOException {
        for (String service : applications()) {
            Set<String> read = new TreeSet<>(placeholders(module(service)));
            read.addAll(publishedVariables(module(service)));
            assertThat(environment(service).keySet()).as(service + " sets only what " + module(service) + " reads")
                    .allMatch(name -> read.contains(name) || READ_BY_SPRING_BOOT.contains(name),
                            "is read by the application");
        }
    }

    @Test
    void everyActiveProfileHasItsConfigurationFileAndItsRequiredSettings() {
        for (String service : applications()) {
            for (String profile : environment(service).get("SPRING_PROFILES_ACTIVE").split(",")) {
                assertThat(resources(module(service)).resolve("application-" + profile.trim() + ".yml"))
                        .as(service).exists();
            }
            assertThat(environment(service)).as(service + ": the postgres profile has no default password")
                    .containsKeys("DB_URL", "DB_USER", "DB_PASSWORD");
        }
    }

    @Test
    void portsAreDistinctAndEachHealthCheckProbesItsOwnService() {
        Map<String, String> ports = new LinkedHashMap<>();
        for (String service : applications()) {
            String port = environment(service).get("SERVER_PORT");
            assertThat(ports.values()).as(service + " port").doesNotContain(port);
            ports.put(service, port);
            assertThat(healthCheck(service)).as(service).contains("/dev/tcp/127.0.0.1/" + port + " ")
                    .contains("GET /actuator/health");
        }
        assertThat(healthCheck("auth-server-1")).contains("/actuator/health/readiness");
    }

    @Test
    void theProxySpreadsTheIssuerOverBothAuthServersAndForwardsHeadersSafely() throws IOException {
        String nginx = Files.readString(ROOT.resolve(mountedFile("auth-proxy", "/etc/nginx/nginx.conf")));
        Set<String> upstreams = matches(Pattern.compile("server 127\\.0\\.0\\.1:(\\d+)"), nginx);
        assertThat(upstreams).containsExactlyInAnyOrder(environment("auth-server-1").get("SERVER_PORT"),
                environment("auth-server-2").get("SERVER_PORT"));

        String issuerPort = matches(Pattern.compile("http://localhost:(\\d+)"),
                environment("auth-server-1").get("AUTH_ISSUER")).iterator().next();
        assertThat(nginx).contains("listen " + issuerPort + ";");
        assertThat(healthCheck("auth-proxy")).contains(":" + issuerPort + "/actuator/health");
        for (String service : applications()) {
            assertThat(environment(service).get("AUTH_ISSUER")).as(service + " knows the issuer")
                    .isEqualTo(environment("auth-server-1").get("AUTH_ISSUER"));
        }

        assertThat(environment("auth-server-1")).containsEntry("FORWARD_HEADERS_STRATEGY", "native");
        assertThat(nginx).as("the client's own X-Forwarded-For is replaced, not appended to")
                .contains("proxy_set_header X-Forwarded-For $remote_addr;")
                .doesNotContain("$proxy_add_x_forwarded_for");
    }

    @Test
    void theAuthServersOwnPortsTakeConnectionsFromThisMachineOnly() {
        // they trust X-Forwarded-For from local proxies: reachable from elsewhere, anyone could pick their address
        for (String instance : List.of("auth-server-1", "auth-server-2")) {
            assertThat(environment(instance)).as(instance).containsEntry("SERVER_ADDRESS", "127.0.0.1");
            assertThat(services.get(instance)).as(instance + " publishes no port").doesNotContainKey("ports");
        }
    }

    @Test
    void eachApplicationHasItsOwnDatabaseCreatedAtFirstStart() throws IOException {
        String init = Files.readString(ROOT.resolve(mountedFile("postgres", "/docker-entrypoint-initdb.d/")));
        Set<String> created = matches(Pattern.compile("CREATE DATABASE (\\w+);"), init);
        Set<String> used = applications().stream()
                .map(service -> environment(service).get("DB_URL").replaceAll(".*/", ""))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(created).containsAll(used);
        assertThat(environment("auth-server-1").get("DB_URL")).isEqualTo(environment("auth-server-2").get("DB_URL"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthChecksGateTheStartOrder() {
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            assertThat(service.getValue()).as(service.getKey() + " health check").containsKey("healthcheck");
            Map<String, Map<String, String>> dependsOn =
                    (Map<String, Map<String, String>>) service.getValue().getOrDefault("depends_on", Map.of());
            dependsOn.forEach((dependency, condition) -> {
                assertThat(services).as(service.getKey() + " depends on").containsKey(dependency);
                assertThat(condition).containsEntry("condition", "service_healthy");
            });
        }
        assertThat(dependencies("auth-server-1")).containsExactly("postgres");
        assertThat(dependencies("auth-proxy")).containsExactlyInAnyOrder("auth-server-1", "auth-server-2");
        assertThat(dependencies("resource-server")).contains("auth-proxy");
        assertThat(dependencies("demo-client")).contains("auth-proxy", "resource-server");
    }

    private static List<String> applications() {
        return services.keySet().stream().filter(service -> services.get(service).containsKey("build")).toList();
    }

    @SuppressWarnings("unchecked")
    private static String module(String service) {
        Map<String, Object> build = (Map<String, Object>) services.get(service).get("build");
        assertThat(ROOT.resolve(String.valueOf(build.getOrDefault("dockerfile", "Dockerfile")))).exists();
        String module = ((Map<String, String>) build.get("args")).get("MODULE");
        assertThat(ROOT.resolve(module).resolve("pom.xml")).as("build argument MODULE names a module").exists();
        return module;
    }

    /** The service's environment, with YAML numbers as the strings the process sees. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String service) {
        Map<String, Object> environment = (Map<String, Object>) services.get(service).get("environment");
        return environment.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, setting -> String.valueOf(setting.getValue())));
    }

    @SuppressWarnings("unchecked")
    private static String healthCheck(String service) {
        Map<String, Object> healthcheck = (Map<String, Object>) services.get(service).get("healthcheck");
        return String.join(" ", (List<String>) healthcheck.get("test"));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> dependencies(String service) {
        return ((Map<String, Object>) services.get(service).getOrDefault("depends_on", Map.of())).keySet();
    }

    /** The repository file that the service mounts at (or under) {@code containerPath}. */
    @SuppressWarnings("unchecked")
    private static Path mountedFile(String service, String containerPath) {
        return ((List<String>) services.get(service).get("volumes")).stream()
                .map(volume -> volume.split(":"))
                .filter(volume -> volume[0].startsWith("./") && volume[1].startsWith(containerPath))
                .map(volume -> ROOT.resolve(volume[0]))
                .findFirst()
                .orElseThrow(() -> new AssertionError(service + " mounts nothing at " + containerPath));
    }

    private static Path resources(String module) {
        return ROOT.resolve(module).resolve("src/main/resources");
    }

    /** Every environment variable named in a ${NAME:default} placeholder of the module's application*.yml. */
    private static Set<String> placeholders(String module) throws IOException {
        try (Stream<Path> files = Files.list(resources(module))) {
            StringBuilder configuration = new StringBuilder();
            for (Path file : files.filter(path -> path.getFileName().toString().matches("application.*\\.yml"))
                    .toList()) {
                configuration.append(Files.readString(file));
            }
            return matches(PLACEHOLDER, configuration.toString());
        }
    }

    /** Every environment variable of the module's EnvironmentVariables table (its tollgate.* settings). */
    private static Set<String> publishedVariables(String module) throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
            StringBuilder tables = new StringBuilder();
            for (Path file : files.filter(path -> path.getFileName().toString().equals("EnvironmentVariables.java"))
                    .toList()) {
                tables.append(Files.readString(file));
            }
            return matches(PUBLISHED_VARIABLE, tables.toString());
        }
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
