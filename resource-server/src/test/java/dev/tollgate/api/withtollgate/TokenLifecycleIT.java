package dev.tollgate.api.withtollgate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.tollgate.api.ApiProperties;
import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.testsupport.TestClock;

import static dev.tollgate.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** What happens to tokens over time: revocation, expiry, and an auth server that goes away and comes back. */
class TokenLifecycleIT extends TollgateApiTest {

    @Autowired
    private ApiProperties properties;

    @Autowired
    private TestClock clock;

    @Test
    void aRevokedOpaqueTokenIsRefusedOnceTheCacheTimeHasPassed() {
        String token = tokens.service("demo-service-opaque", null);
        assertThat(api.get("/api/books", token).status()).isEqualTo(200);

        tokens.revoke("demo-service-opaque", token);
        assertThat(tokens.introspect(token).path("active").asBoolean()).as("revoked at Tollgate").isFalse();
        clock.advance(CACHE_TTL.plusMillis(500));

        ApiResponse afterCacheTime = api.get("/api/books", token);
        assertProblem(afterCacheTime, 401, "invalid-token");
    }

    @Test
    void aJwtIsRefusedOnceItHasExpired() {
        String token = tokens.service(TollgateProcess.SHORT_LIVED_SERVICE, null);
        JsonNode claims = claimsOf(token);
        Instant expiresAt = Instant.ofEpochSecond(claims.path("exp").asLong());
        assertThat(Duration.ofSeconds(claims.path("exp").asLong() - claims.path("iat").asLong()))
                .isEqualTo(TollgateProcess.SHORT_TOKEN_TTL);
        // accepted (and so remembered by the API's VerifiedJwtCache, which must not outlive exp)
        int beforeExpiry = api.get("/api/books", token).status();
        assertThat(beforeExpiry).as("answered %s before exp", Duration.between(Instant.now(), expiresAt))
                .isEqualTo(200);

        // The API refuses the token once its clock is past exp plus the clock skew it was given, whatever skew the
        // test configuration sets: move that clock a second beyond, the auth server has no say in it.
        Instant refusedAfter = expiresAt.plus(properties.api().clockSkew());
        clock.advance(Duration.between(clock.instant(), refusedAfter).plusSeconds(1));

        ApiResponse expired = api.get("/api/books", token);
        assertProblem(expired, 401, "invalid-token");
        assertThat(expired.text("detail")).containsIgnoringCase("expired");
    }

    @Test
    void whileTollgateIsDownOpaqueTokensGet503AndJwtsStillWorkThenEverythingRecovers() {
        TollgateProcess tollgate = TollgateProcess.shared();
        String jwt = tokens.service("demo-service", null);
        String opaque = tokens.service("demo-service-opaque", null);
        assertThat(api.get("/api/books", jwt).status()).as("keys fetched").isEqualTo(200);

        tollgate.stop();
        try {
            ApiResponse whileDown = api.get("/api/books", opaque);
            assertProblem(whileDown, 503, "token-validation-unavailable");
            assertThat(whileDown.header("Retry-After")).isNotBlank();
            assertThat(api.get("/api/books", jwt).status()).as("checked locally").isEqualTo(200);
        } finally {
            tollgate.start();
        }

        assertThat(api.get("/api/books", opaque).status()).isEqualTo(200);
    }

    private static JsonNode claimsOf(String jwt) {
        byte[] payload = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
        return JsonMapper.builder().build().readTree(new String(payload, StandardCharsets.UTF_8));
    }
}
