package dev.tollgate.auth.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.auth.secret.SecretDigest;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;

/**
 * Decision (issue 8): a client_credentials JWT is not written to the database when issued; it is its own record.
 * Introspection and revocation stay exact: a revoked one is stored, invalidated, until it expires.
 */
@AuthServerTest
class StatelessClientTokensTest extends HttpTest {

    private static final SecretDigest SHA256 = new SecretDigest();

    @Autowired
    JdbcClient database;

    @Test
    void aClientJwtIsNotStoredAndIntrospectsActiveWithItsClaims() throws Exception {
        String token = serviceToken();

        assertThat(rowsHolding(token)).isZero();
        Reply introspection = http.introspect(token);
        assertThat(introspection.field("active")).isEqualTo("true");
        assertThat(introspection.field("client_id")).isEqualTo("demo-service");
        assertThat(introspection.field("sub")).isEqualTo("demo-service");
        assertThat(introspection.field("scope")).isEqualTo("books.read books.write");
        assertThat(introspection.field("token_type")).isEqualTo("Bearer");
        assertThat(introspection.field("jti")).isEqualTo(SignedJWT.parse(token).getJWTClaimsSet().getJWTID());
        assertThat(introspection.body()).contains(AuthServerTest.API_AUDIENCE);
        assertThat(introspection.json().get("exp").asLong())
                .isEqualTo(SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().getTime() / 1000);
    }

    @Test
    void aRevokedClientJwtIsInactiveAtOnceAndItsRowOutlivesIt() throws Exception {
        String token = serviceToken();

        Reply revoked = http.post("/oauth2/revoke", "demo-service", "demo-service-secret", Map.of("token", token));

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(http.introspect(token).body()).isEqualTo("{\"active\":false}");
        Timestamp keptUntil = database.sql("SELECT expires_at FROM token_authorization WHERE access_token_hash = ?")
                .param(SHA256.encode(token)).query(Timestamp.class).single();
        assertThat(keptUntil.toInstant())
                .isEqualTo(SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant());
        assertThat(http.post("/oauth2/revoke", "demo-service", "demo-service-secret", Map.of("token", token))
                .status()).as("revoking twice").isEqualTo(200);
        assertThat(http.introspect(token).body()).isEqualTo("{\"active\":false}");
    }

    @Test
    void anotherClientCannotRevokeIt() {
        String token = serviceToken();

        http.post("/oauth2/revoke", "demo-service-opaque", "demo-service-opaque-secret", Map.of("token", token));

        assertThat(http.introspect(token).field("active")).isEqualTo("true");
    }

    @Test
    void aTamperedClientJwtIsInactive() {
        String[] parts = serviceToken().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]))
                .replace("\"sub\":\"demo-service\"", "\"sub\":\"demo-service-opaque\"")
                .replace("\"client_id\":\"demo-service\"", "\"client_id\":\"demo-service-opaque\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes())
                + "." + parts[2];

        assertThat(http.introspect(forged).body()).isEqualTo("{\"active\":false}");
    }

    private String serviceToken() {
        return http.clientCredentials("demo-service", "demo-service-secret", null).field("access_token");
    }

    private long rowsHolding(String token) {
        return database.sql("SELECT count(*) FROM token_authorization WHERE access_token_hash = ?")
                .param(SHA256.encode(token)).query(Long.class).single();
    }
}
