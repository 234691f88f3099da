package dev.tollgate.auth.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.auth.secret.SecretDigest;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.testsupport.TestClock;

@AuthServerTest
class ExpiredAuthorizationCleanupTest extends HttpTest {

    private static final SecretDigest SHA256 = new SecretDigest();

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient database;

    Grants grants;

    @BeforeEach
    void setUp() {
        grants = new Grants(http);
    }

    @Test
    void theCleanupDeletesOnlyExpiredAndRevokedAuthorizationsBatchByBatch() throws Exception {
        String expiring = serviceToken();
        String revoked = serviceToken();
        http.post("/oauth2/revoke", "demo-service-opaque", "demo-service-opaque-secret", Map.of("token", revoked));
        Reply userGrant = grants.aliceTokens(Client.DEMO_WEB, "books.read");
        Reply replayedGrant = grants.aliceTokens(Client.DEMO_WEB, "books.read");
        grants.refresh(Client.DEMO_WEB, replayedGrant.field("refresh_token"));
        grants.refresh(Client.DEMO_WEB, replayedGrant.field("refresh_token"));
        clock.advance(Duration.ofMinutes(6));
        String fresh = serviceToken();

        int deleted = new ExpiredAuthorizationCleanup(database, clock, new CleanupProperties(Duration.ofMinutes(10), 2))
                .deleteExpired();

        assertThat(deleted).isGreaterThanOrEqualTo(3);
        assertThat(rowsWith("access_token_hash", expiring)).as("expired").isZero();
        assertThat(rowsWith("access_token_hash", revoked)).as("revoked").isZero();
        assertThat(rowsWith("refresh_token_hash", userGrant.field("refresh_token"))).as("refreshable").isOne();
        assertThat(rowsWith("access_token_hash", fresh)).as("unexpired").isOne();
        assertThat(database.sql("SELECT count(*) FROM rotated_refresh_token WHERE token_digest = ?")
                .param(SHA256.encode(replayedGrant.field("refresh_token"))).query(Long.class).single())
                .as("rotated-out token of the revoked family").isZero();
        assertThat(database.sql("SELECT count(*) FROM token_authorization WHERE expires_at < ?")
                .param(Timestamp.from(clock.instant())).query(Long.class).single()).isZero();
    }

    private String serviceToken() {
        return http.clientCredentials("demo-service-opaque", "demo-service-opaque-secret", null).field("access_token");
    }

    private long rowsWith(String column, String token) {
        return database.sql("SELECT count(*) FROM token_authorization WHERE " + column + " = ?")
                .param(SHA256.encode(token)).query(Long.class).single();
    }
}
