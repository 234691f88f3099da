package dev.tollgate.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.SignedTokens;

@AuthServerTest
class ClientCredentialsTest extends HttpTest {

    @Test
    void aServiceAskingForNoScopeGetsAllItsScopesInAClientToken() throws Exception {
        Reply reply = http.clientCredentials("demo-service", "demo-service-secret", null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.field("token_type")).isEqualTo("Bearer");
        assertThat(reply.json().get("expires_in").asInt()).isBetween(298, 300);

        SignedJWT token = SignedTokens.verified(reply.field("access_token"), http);
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(token.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(claims.getIssuer()).isEqualTo(AuthServerTest.ISSUER);
        assertThat(claims.getSubject()).isEqualTo("demo-service");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("demo-service");
        assertThat(claims.getAudience()).containsExactly(AuthServerTest.API_AUDIENCE);
        assertThat(claims.getStringClaim("scope")).isEqualTo("books.read books.write");
        assertThat(claims.getClaims()).doesNotContainKeys("roles", "preferred_username")
                .containsKeys("iat", "exp", "jti");
    }

    @Test
    void aServiceAskingForOneScopeGetsOnlyThatScope() throws Exception {
        Reply reply = http.clientCredentials("demo-service", "demo-service-secret", "books.read");
        JWTClaimsSet claims = SignedTokens.verified(reply.field("access_token"), http).getJWTClaimsSet();
        assertThat(claims.getStringClaim("scope")).isEqualTo("books.read");
    }

    @Test
    void anOpaqueTokenIsDescribedByIntrospectionWithTheSameClaims() {
        Reply reply = http.clientCredentials("demo-service-opaque", "demo-service-opaque-secret", null);
        String token = reply.field("access_token");
        assertThat(token).doesNotContain(".");

        Reply introspection = http.introspect(token);
        assertThat(introspection.status()).isEqualTo(200);
        assertThat(introspection.field("active")).isEqualTo("true");
        assertThat(introspection.field("client_id")).isEqualTo("demo-service-opaque");
        assertThat(introspection.field("sub")).isEqualTo("demo-service-opaque");
        assertThat(introspection.field("scope")).isEqualTo("books.read books.write");
        assertThat(introspection.field("token_type")).isEqualTo("Bearer");
        assertThat(introspection.body()).contains(AuthServerTest.API_AUDIENCE);
        assertThat(introspection.json().has("exp")).isTrue();
        assertThat(introspection.json().has("iat")).isTrue();
        assertThat(introspection.json().has("username")).isFalse();
        assertThat(introspection.json().has("roles")).isFalse();
    }

    /**
     * The resource server refuses, without asking, any bearer string of another shape (its OpaqueTokenShape): 96
     * random bytes in base64url without padding, as Spring Authorization Server's generator makes them.
     */
    @Test
    void opaqueAccessTokensAreAlways128Base64UrlCharacters() {
        for (int issued = 0; issued < 20; issued++) {
            String token = http.clientCredentials("demo-service-opaque", "demo-service-opaque-secret", null)
                    .field("access_token");
            assertThat(token).matches("[A-Za-z0-9_-]{128}");
        }
    }

    @Test
    void anUnknownTokenIsInactive() {
        Reply introspection = http.introspect("no-such-token");
        assertThat(introspection.status()).isEqualTo(200);
        assertThat(introspection.body()).isEqualTo("{\"active\":false}");
    }
}
