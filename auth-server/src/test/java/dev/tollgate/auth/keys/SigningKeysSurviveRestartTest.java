package dev.tollgate.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.auth.AuthServerApplication;
import dev.tollgate.auth.support.OAuthHttp;
import dev.tollgate.auth.support.SignedTokens;
import dev.tollgate.testsupport.TestDatabases;

/**
 * Two successive auth server processes on one database publish the same keys, accept each other's tokens and
 * seed the demo data once. The first one, on an empty database, has its key before it opens its port.
 */
class SigningKeysSurviveRestartTest {

    private static final String DATABASE = TestDatabases.h2("restart-test");

    @Test
    void aRestartedServerKeepsItsJwksAndTheTokensItSignedBefore() throws Exception {
        String jwksBefore;
        String tokenBefore;
        long clientsBefore;
        AtomicLong activeKeysWhenThePortOpened = new AtomicLong(-1);
        try (ConfigurableApplicationContext first = start(activeKeysWhenThePortOpened)) {
            assertThat(activeKeysWhenThePortOpened).as("no request can find the key table empty").hasValue(1);
            OAuthHttp http = http(first);
            jwksBefore = http.get("/oauth2/jwks").body();
            tokenBefore = http.clientCredentials("demo-service", "demo-service-secret", null).field("access_token");
            clientsBefore = count(first.getBean(JdbcClient.class), "oauth2_registered_client");
        }
        try (ConfigurableApplicationContext second = start(new AtomicLong())) {
            OAuthHttp http = http(second);
            assertThat(http.get("/oauth2/jwks").body()).isEqualTo(jwksBefore).contains("\"kty\":\"RSA\"")
                    .doesNotContain("\"d\":");
            assertThat(SignedTokens.verified(tokenBefore, http).getJWTClaimsSet().getSubject())
                    .isEqualTo("demo-service");
            JdbcClient database = second.getBean(JdbcClient.class);
            assertThat(count(database, "signing_key")).isOne();
            assertThat(clientsBefore).as("the demo clients and tollgate-admin-cli").isGreaterThanOrEqualTo(9);
            assertThat(count(database, "oauth2_registered_client")).as("seeded once").isEqualTo(clientsBefore);
            assertThat(count(database, "users")).as("demo users seeded once").isEqualTo(2);
        }
    }

    private static ConfigurableApplicationContext start(AtomicLong activeKeysWhenThePortOpened) {
        ApplicationListener<WebServerInitializedEvent> portOpened = event -> activeKeysWhenThePortOpened.set(
                event.getApplicationContext().getBean(JdbcClient.class)
                        .sql("SELECT count(*) FROM signing_key WHERE active").query(Long.class).single());
        return new SpringApplicationBuilder(AuthServerApplication.class)
                .profiles("demo", "test")
                .listeners(portOpened)
                .run("--server.port=0", "--spring.datasource.url=" + DATABASE);
    }

    private static long count(JdbcClient database, String table) {
        return database.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private static OAuthHttp http(ConfigurableApplicationContext context) {
        return new OAuthHttp(((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
