package dev.tollgate.api.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;

import dev.tollgate.api.support.AccessTokens;
import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.api.support.FakeAuthorizationServer;
import dev.tollgate.api.support.LoopbackCaller;
import dev.tollgate.api.support.StandaloneApi;
import dev.tollgate.testsupport.TestDatabases;

import static dev.tollgate.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An outsider floods the API with made-up bearer strings to spend its introspection budget at the auth server,
 * so that real opaque tokens stop working. Strings that cannot be Tollgate tokens never leave the API; well-shaped
 * random ones reach the auth server at most {@link #BUDGET} times per caller address, whatever X-Forwarded-For
 * says; callers elsewhere, and callers whose tokens are real, are never held back.
 */
class OpaqueTokenFloodTest {

    private static final int BUDGET = 10;
    private static final FakeAuthorizationServer AUTH_SERVER = new FakeAuthorizationServer().start();
    private static ConfigurableApplicationContext app;
    private static String baseUrl;

    @BeforeAll
    static void startApi() {
        app = StandaloneApi.start(AUTH_SERVER,
                "--spring.datasource.url=" + TestDatabases.h2("opaque-flood-test"),
                "--tollgate.api.introspection.unknown-tokens-per-address=" + BUDGET);
        baseUrl = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stopApi() {
        app.close();
        AUTH_SERVER.stop();
    }

    @Test
    void stringsThatCannotBeTollgateTokensAreRefusedWithoutAskingTheAuthServer() {
        LoopbackCaller attacker = new LoopbackCaller(baseUrl, "127.0.0.2");
        String wellShaped = FakeAuthorizationServer.randomOpaqueToken();
        List<String> junk = List.of("x", "revoked-or-never-issued", UUID.randomUUID().toString().replace("-", ""),
                wellShaped.substring(1), wellShaped + "A", wellShaped.substring(1) + "+", wellShaped.substring(1) + "/",
                wellShaped.substring(2) + "==", "a".repeat(400), "a.b.c", "a.b");
        int before = AUTH_SERVER.introspectionRequests();

        for (String token : junk) {
            ApiResponse refused = attacker.get("/api/books/1", token);
            assertProblem(refused, 401, "invalid-token");
            assertThat(refused.header(HttpHeaders.WWW_AUTHENTICATE)).as(token).contains("error=\"invalid_token\"");
        }

        assertThat(AUTH_SERVER.introspectionRequests()).isEqualTo(before);
    }

    @Test
    void wellShapedRandomTokensReachTheAuthServerOnlyUpToTheAddressBudgetAndRealTokensElsewhereKeepWorking() {
        LoopbackCaller attacker = new LoopbackCaller(baseUrl, "127.0.0.3");
        int before = AUTH_SERVER.introspectionRequests();

        List<ApiResponse> answers = new ArrayList<>();
        for (int attempt = 0; attempt < 4 * BUDGET; attempt++) {
            // a forged client address must not buy a fresh budget
            answers.add(attacker.get("/api/books/1", FakeAuthorizationServer.randomOpaqueToken(),
                    Map.of("X-Forwarded-For", "203.0.113." + attempt, "Forwarded", "for=198.51.100." + attempt)));
        }

        assertThat(AUTH_SERVER.introspectionRequests() - before).isEqualTo(BUDGET);
        answers.subList(0, BUDGET).forEach(answer -> assertProblem(answer, 401, "invalid-token"));
        for (ApiResponse refused : answers.subList(BUDGET, answers.size())) {
            assertProblem(refused, 429, "too-many-unknown-tokens");
            assertThat(Long.parseLong(refused.header(HttpHeaders.RETRY_AFTER))).isBetween(1L, 60L);
        }

        String real = opaqueServiceToken();
        assertThat(new LoopbackCaller(baseUrl, "127.0.0.4").get("/api/books/1", real).status()).isEqualTo(200);
        assertThat(attacker.get("/api/books/1", real).status())
                .as("a token the API already knows is active costs no budget").isEqualTo(200);
    }

    @Test
    void aCallerWhoseTokensAreActiveIsNeverHeldBackHoweverManyItBrings() {
        LoopbackCaller gateway = new LoopbackCaller(baseUrl, "127.0.0.5");

        for (int token = 0; token < 4 * BUDGET; token++) {
            assertThat(gateway.get("/api/books/1", opaqueServiceToken()).status()).isEqualTo(200);
        }
    }

    @Test
    void aTokenFoundInactiveIsRememberedSoRepeatingItCostsNoFurtherIntrospection() {
        LoopbackCaller caller = new LoopbackCaller(baseUrl, "127.0.0.6");
        String unknown = FakeAuthorizationServer.randomOpaqueToken();
        int before = AUTH_SERVER.introspectionRequests();

        for (int attempt = 0; attempt < 3 * BUDGET; attempt++) {
            assertProblem(caller.get("/api/books/1", unknown), 401, "invalid-token");
        }

        assertThat(AUTH_SERVER.introspectionRequests() - before).isEqualTo(1);
    }

    private static String opaqueServiceToken() {
        return AUTH_SERVER.issueOpaqueToken(Map.of("sub", "demo-service-opaque", "client_id", "demo-service-opaque",
                "scope", "books.read", "aud", List.of(AccessTokens.AUDIENCE)));
    }
}
