package dev.tollgate.api.security;

import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.api.support.ApiTest;
import dev.tollgate.api.support.FakeAuthorizationServer;
import dev.tollgate.testsupport.TestClock;

import static dev.tollgate.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class AccessTokenValidationTest extends ApiTest {

    private static final String BOOKS = "/api/books";

    @Autowired
    private TestClock clock;

    @Test
    void aValidTokenIsAccepted() {
        assertThat(api.get(BOOKS, TOKENS.alice("books.read").sign()).status()).isEqualTo(200);
    }

    @Test
    void withoutATokenTheAnswerIs401WithAPlainBearerChallenge() {
        ApiResponse response = api.get(BOOKS, null);

        assertProblem(response, 401, "missing-token");
        assertThat(response.header(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer").doesNotContain("error=");
    }

    @Test
    void anotherAuthorizationSchemeCountsAsNoToken() {
        ApiResponse response = api.exchange(HttpMethod.GET, BOOKS,
                headers -> headers.setBasicAuth("demo-service", "demo-service-secret"), null, null);

        assertProblem(response, 401, "missing-token");
        assertThat(response.header(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer").doesNotContain("error=");
    }

    @Test
    void aMalformedAuthorizationHeaderIs401NotAServerError() {
        ApiResponse response = api.exchange(HttpMethod.GET, BOOKS,
                headers -> headers.set(HttpHeaders.AUTHORIZATION, "Bearer not a token!"), null, null);

        assertInvalidToken(response);
    }

    @Test
    void somethingThatIsNotAJwtIsRejected() {
        assertInvalidToken(api.get(BOOKS, "abc.def.ghi"));
        assertInvalidToken(api.get(BOOKS, "just-an-opaque-looking-string"));
    }

    @Test
    void anExpiredTokenIsRejected() {
        assertInvalidToken(api.get(BOOKS, TOKENS.alice("books.read").expiresIn(Duration.ofMinutes(-2)).sign()));
    }

    @Test
    void aTokenJustExpiredWithinTheClockSkewIsStillAccepted() {
        String token = TOKENS.alice("books.read").expiresIn(Duration.ofSeconds(-10)).sign();

        assertThat(api.get(BOOKS, token).status()).isEqualTo(200);
    }

    @Test
    void aTokenAcceptedBeforeIsRejectedOnceItHasExpiredThoughTheApiRemembersIt() {
        String token = TOKENS.alice("books.read").expiresIn(Duration.ofMinutes(1)).sign();
        assertThat(api.get(BOOKS, token).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(2));

        assertInvalidToken(api.get(BOOKS, token));
    }

    @Test
    void aTokenNotYetValidIsRejected() {
        assertInvalidToken(api.get(BOOKS, TOKENS.alice("books.read").notBefore(Instant.now().plusSeconds(120)).sign()));
    }

    @Test
    void aTokenFromAnotherIssuerIsRejected() {
        assertInvalidToken(api.get(BOOKS, TOKENS.alice("books.read").issuer("http://evil.example").sign()));
    }

    @Test
    void aTokenForAnotherAudienceIsRejected() {
        assertInvalidToken(api.get(BOOKS, TOKENS.alice("books.read").audience("http://other-api.example").sign()));
    }

    @Test
    void aTokenWithoutAudienceIsRejected() {
        assertInvalidToken(api.get(BOOKS, TOKENS.alice("books.read").audience(null).sign()));
    }

    @Test
    void anUnsignedTokenWithAlgNoneIsRejected() {
        assertInvalidToken(api.get(BOOKS, TOKENS.alice("books.read").unsigned()));
    }

    @Test
    void anHmacTokenIsRejectedEvenWhenKeyedWithThePublicKey() {
        assertInvalidToken(api.get(BOOKS, TOKENS.alice("books.read").hmacSignedWithPublicKey()));
    }

    @Test
    void aTokenThatIsNotAnAccessTokenIsRejectedByItsType() {
        assertInvalidToken(api.get(BOOKS, TOKENS.alice("books.read").type("JWT").sign()));
        assertInvalidToken(api.get(BOOKS, TOKENS.alice("books.read").type(null).sign()));
    }

    @Test
    void aTokenSignedWithAForeignKeyUnderAKnownKidIsRejected() {
        RSAKey known = AUTH_SERVER.currentKey();
        RSAKey forged = new RSAKey.Builder(FakeAuthorizationServer.newRsaKey()).keyID(known.getKeyID()).build();

        assertInvalidToken(api.get(BOOKS, TOKENS.alice("books.read").signedWith(forged).sign()));
    }

    @Test
    void afterAKeyRotationATokenWithTheNewKidIsAcceptedBecauseTheKeySetIsFetchedAgain() {
        assertThat(api.get(BOOKS, TOKENS.alice("books.read").sign()).status()).isEqualTo(200);
        int fetchesBefore = AUTH_SERVER.jwksRequests();

        RSAKey rotated = AUTH_SERVER.rotateKey();

        assertThat(api.get(BOOKS, TOKENS.alice("books.read").signedWith(rotated).sign()).status()).isEqualTo(200);
        assertThat(AUTH_SERVER.jwksRequests()).isEqualTo(fetchesBefore + 1);
    }

    @Test
    void theProtectedResourceMetadataNamesTheAuthServer() {
        ApiResponse response = api.get("/.well-known/oauth-protected-resource", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("authorization_servers").get(0).asString()).isEqualTo(AUTH_SERVER.issuer());
        assertThat(response.body().path("scopes_supported").toString()).contains("books.read");
    }

    @Test
    void healthIsOpenWithoutAToken() {
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    }

    private static void assertInvalidToken(ApiResponse response) {
        assertProblem(response, 401, "invalid-token");
        assertThat(response.header(HttpHeaders.WWW_AUTHENTICATE))
                .startsWith("Bearer ")
                .contains("error=\"invalid_token\"")
                .contains("error_description=");
    }
}
