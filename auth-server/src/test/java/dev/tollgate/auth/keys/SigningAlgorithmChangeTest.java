package dev.tollgate.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tollgate.auth.AuthServerApplication;
import dev.tollgate.auth.support.OAuthHttp;
import dev.tollgate.auth.support.SignedTokens;
import dev.tollgate.testsupport.TestDatabases;

/**
 * An operator switches {@code tollgate.keys.algorithm} from RS256 to ES256: after the restart new tokens are ES256,
 * the discovery document says so, and tokens signed before still verify against the JWKS.
 */
class SigningAlgorithmChangeTest {

    private static final String DATABASE = TestDatabases.h2("algorithm-change-test");

    @Test
    void aServerRestartedWithEs256SignsWithAP256KeyAndKeepsPublishingTheRsaKey() throws Exception {
        String rsaToken;
        try (ConfigurableApplicationContext first = start("RS256")) {
            rsaToken = token(http(first));
            assertThat(SignedJWT.parse(rsaToken).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        }
        try (ConfigurableApplicationContext second = start("ES256")) {
            OAuthHttp http = http(second);
            SignedJWT ecToken = SignedTokens.verified(token(http), http);

            assertThat(ecToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
            assertThat(ecToken.getHeader().getType().getType()).isEqualTo("at+jwt");
            assertThat(ecToken.getJWTClaimsSet().getSubject()).isEqualTo("demo-service");
            assertThat(SignedTokens.verified(rsaToken, http).getJWTClaimsSet().getSubject()).isEqualTo("demo-service");
            assertThat(http.get("/oauth2/jwks").body()).contains("\"kty\":\"EC\"").contains("\"kty\":\"RSA\"")
                    .doesNotContain("\"d\":");
            assertThat(http.get("/.well-known/openid-configuration").json()
                    .get("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"ES256\"]");
        }
    }

    private static String token(OAuthHttp http) {
        return http.clientCredentials("demo-service", "demo-service-secret", null).field("access_token");
    }

    private static ConfigurableApplicationContext start(String algorithm) {
        return new SpringApplicationBuilder(AuthServerApplication.class)
                .profiles("demo", "test")
                .run("--server.port=0", "--spring.datasource.url=" + DATABASE, "--tollgate.keys.algorithm=" + algorithm);
    }

    private static OAuthHttp http(ConfigurableApplicationContext context) {
        return new OAuthHttp(((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
