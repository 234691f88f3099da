package dev.tollgate.auth.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.auth.secret.SecretDigest;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.Grants.Code;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;

/**
 * Issue: nothing usable at rest. Every value the token tables hold, read straight from the database, is presented to
 * the token, introspection and revocation endpoints, and none of them works.
 */
@AuthServerTest
class TokensAtRestTest extends HttpTest {

    private static final SecretDigest SHA256 = new SecretDigest();

    @Autowired
    JdbcClient database;

    Grants grants;

    @BeforeEach
    void setUp() {
        grants = new Grants(http);
    }

    @Test
    void noStoredValueWorksAsACodeOrTokenAtAnyEndpoint() throws Exception {
        Reply user = grants.aliceTokens(Client.DEMO_WEB, "openid books.read");
        Reply rotated = grants.refresh(Client.DEMO_WEB, user.field("refresh_token"));
        String jwtAccessToken = http.clientCredentials("demo-service", "demo-service-secret", null)
                .field("access_token");
        String opaqueAccessToken = http.clientCredentials("demo-service-opaque", "demo-service-opaque-secret", null)
                .field("access_token");
        try (Browser browser = new Browser(http.baseUrl())) {
            Code unusedCode = grants.authorize(browser, Client.DEMO_WEB, "alice", "alice-password", "books.read");
            List<String> issued = List.of(user.field("refresh_token"), user.field("id_token"),
                    rotated.field("access_token"), rotated.field("refresh_token"), rotated.field("id_token"),
                    jwtAccessToken, opaqueAccessToken, unusedCode.value());

            List<String> stored = storedValuesOfRowsHolding(issued);
            assertThat(stored).as("the rows were found by the digests of the tokens").hasSizeGreaterThan(10);
            for (String token : issued) {
                assertThat(stored).noneMatch(value -> value.contains(token));
            }

            for (String value : stored) {
                assertThat(grants.isActive(value)).as("introspection of %s", value).isFalse();
                assertThat(grants.refresh(Client.DEMO_WEB, value).field("error")).isEqualTo("invalid_grant");
                assertThat(http.post("/oauth2/token", "demo-web", "demo-web-secret", Map.of(
                        "grant_type", "authorization_code", "code", value,
                        "redirect_uri", Client.DEMO_WEB.redirectUri(), "code_verifier", unusedCode.pkce().verifier()))
                        .field("error")).isEqualTo("invalid_grant");
                assertThat(grants.revoke(Client.DEMO_WEB, value).status()).isEqualTo(200);
                assertThat(http.post("/oauth2/revoke", "demo-service-opaque", "demo-service-opaque-secret",
                        Map.of("token", value)).status()).isEqualTo(200);
            }

            assertThat(grants.isActive(rotated.field("access_token"))).as("revoking stored values had no effect")
                    .isTrue();
            assertThat(grants.isActive(opaqueAccessToken)).isTrue();
            assertThat(grants.exchange(unusedCode).status()).as("the real code still works").isEqualTo(200);
        }
    }

    @Test
    void tokensAreStoredAsTheirSha256Digests() {
        String opaqueAccessToken = http.clientCredentials("demo-service-opaque", "demo-service-opaque-secret", null)
                .field("access_token");

        assertThat(database.sql("SELECT count(*) FROM token_authorization WHERE access_token_hash = ?")
                .param(SHA256.encode(opaqueAccessToken)).query(Long.class).single()).isOne();
    }

    @Test
    void theSigningKeysPrivateHalfIsStoredEncrypted() {
        List<String> privateKeys = database.sql("SELECT private_jwk FROM signing_key WHERE active = TRUE")
                .query(String.class).list();

        assertThat(privateKeys).singleElement().satisfies(key -> assertThat(key).startsWith("v1:")
                .doesNotContain("\"d\"").doesNotContain("\"kty\""));
    }

    private List<String> storedValuesOfRowsHolding(List<String> tokens) {
        List<String> digests = tokens.stream().map(SHA256::encode).toList();
        List<String> values = new ArrayList<>();
        database.sql("""
                        SELECT * FROM token_authorization WHERE code_hash IN (:d) OR access_token_hash IN (:d)
                        OR refresh_token_hash IN (:d) OR id_token_hash IN (:d)
                        """)
                .param("d", digests)
                .query((rs, row) -> {
                    for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                        values.add(rs.getString(column));
                    }
                    return row;
                })
                .list();
        database.sql("SELECT token_digest FROM rotated_refresh_token WHERE token_digest IN (:d)").param("d", digests)
                .query(String.class).list().forEach(values::add);
        return values.stream().filter(Objects::nonNull).filter(value -> value.length() > 20).distinct().toList();
    }
}
