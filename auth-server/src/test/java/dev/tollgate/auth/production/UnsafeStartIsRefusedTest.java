package dev.tollgate.auth.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tollgate.auth.AuthServerApplication;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.OAuthHttp;
import dev.tollgate.testsupport.TestDatabases;

/**
 * Production (a PostgreSQL database, or tollgate.production=true) refuses to start with a clear message when its
 * configuration is unsafe. Runs beside the shared test context, whose database holds the demo data.
 */
@AuthServerTest
class UnsafeStartIsRefusedTest {

    /** The shared test context's database (spring.datasource.url in application-test.yml). */
    private static final String SHARED_TEST_DATABASE = TestDatabases.h2("auth-server-test");
    private static final String FRESH_DATABASE = TestDatabases.h2("production-start-test");
    /** The shared test context's secret (application-test.yml): its database's keys were encrypted with it. */
    private static final String GOOD_SECRET = "--tollgate.keys.encryption-secret=q8Vf3kP0zR7xW2mN5tY9bC4hJ6gL1sD8";
    private static final String HTTPS_ISSUER = "--tollgate.issuer=https://login.example.com";
    /** Refused before any connection is tried: no server needs to listen there. */
    private static final String POSTGRES_URL = "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/tollgate";

    @Test
    void theDemoProfileNeverRunsWithPostgres() {
        assertRefused(List.of("demo", "postgres"), List.of(HTTPS_ISSUER, GOOD_SECRET),
                "the 'demo' profile is active on a PostgreSQL database");
    }

    @Test
    void theDemoProfileNeverRunsOnAPostgresqlDatabaseWhateverTheProfiles() {
        assertRefused(List.of("demo"), List.of(HTTPS_ISSUER, GOOD_SECRET, POSTGRES_URL),
                "the 'demo' profile is active on a PostgreSQL database");
    }

    @Test
    void theDemoUpstreamProfileIsRefusedLikeTheDemoProfile() {
        assertRefused(List.of("demo-upstream"), List.of(HTTPS_ISSUER, GOOD_SECRET, POSTGRES_URL),
                "the 'demo-upstream' profile is active on a PostgreSQL database");
        assertRefused(List.of("demo-upstream"), List.of("--tollgate.production=true", HTTPS_ISSUER, GOOD_SECRET),
                "the 'demo-upstream' profile is active in production");
    }

    @Test
    void aPostgresqlDatabaseMeansProductionWithoutAnyProfile() {
        assertRefused(List.of(), List.of("--tollgate.issuer=http://login.example.com", GOOD_SECRET, POSTGRES_URL),
                "is not an https URL");
    }

    @Test
    void productionWithoutAKeyEncryptionSecretIsRefused() {
        assertRefused(List.of("postgres"), List.of(HTTPS_ISSUER),
                "no key-encryption secret (tollgate.keys.encryption-secret) is set");
    }

    @Test
    void aDefaultOrShortKeyEncryptionSecretIsRefused() {
        assertRefused(List.of("postgres"), List.of(HTTPS_ISSUER, "--tollgate.keys.encryption-secret=change-me"),
                "is a default or shorter than 32 characters");
    }

    @Test
    void aPlainHttpIssuerIsRefused() {
        assertRefused(List.of("postgres"), List.of("--tollgate.issuer=http://login.example.com", GOOD_SECRET),
                "is not an https URL");
    }

    @Test
    void anHttpLoopbackIssuerIsRefusedUnlessExplicitlyAllowed() {
        assertRefused(List.of("postgres"), List.of("--tollgate.issuer=http://localhost:9000", GOOD_SECRET),
                "is not an https URL");
        assertRefused(List.of("postgres"), List.of("--tollgate.issuer=http://login.example.com", GOOD_SECRET,
                "--tollgate.allow-http-loopback-issuer=true"), "is not an https URL");
    }

    @Test
    void aDatabaseThatStillAcceptsADemoSecretIsRefused() {
        assertRefused(List.of("test"), List.of("--tollgate.production=true", HTTPS_ISSUER, GOOD_SECRET,
                "--spring.datasource.url=" + SHARED_TEST_DATABASE), "still has the published demo");
    }

    @Test
    void aSafeProductionConfigurationStarts() {
        try (ConfigurableApplicationContext production = start(List.of("test"), List.of("--tollgate.production=true",
                "--tollgate.issuer=http://127.0.0.1:9000", "--tollgate.allow-http-loopback-issuer=true", GOOD_SECRET,
                "--spring.datasource.url=" + FRESH_DATABASE))) {
            OAuthHttp http = new OAuthHttp(((WebServerApplicationContext) production).getWebServer().getPort());
            assertThat(http.get("/actuator/health").status()).isEqualTo(200);
        }
    }

    private static void assertRefused(List<String> profiles, List<String> arguments, String reason) {
        assertThatThrownBy(() -> start(profiles, arguments).close())
                .isInstanceOf(UnsafeStartException.class)
                .hasMessageStartingWith("Tollgate refuses to start: ")
                .hasMessageContaining(reason);
    }

    private static ConfigurableApplicationContext start(List<String> profiles, List<String> arguments) {
        List<String> args = new ArrayList<>(arguments);
        args.add("--server.port=0");
        return new SpringApplicationBuilder(AuthServerApplication.class)
                .profiles(profiles.toArray(String[]::new))
                .run(args.toArray(String[]::new));
    }
}
