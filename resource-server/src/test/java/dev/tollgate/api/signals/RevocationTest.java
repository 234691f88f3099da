package dev.tollgate.api.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.api.support.SecurityEvents;

import static dev.tollgate.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** A JWT the API accepted is refused right after the auth server pushed the matching SET; others are not. */
class RevocationTest extends SignalsTestBase {

    @Test
    void aRevokedJtiIsRefusedAtOnceEvenThoughTheTokenIsCached() throws Exception {
        String user = UUID.randomUUID().toString();
        String token = TOKENS.alice("books.read").subject(user).sign();
        String otherToken = TOKENS.alice("books.read").subject(user).sign();
        assertThat(api.get("/api/books", token).status()).isEqualTo(200);
        assertThat(api.get("/api/books", otherToken).status()).isEqualTo(200);

        assertAccepted(push(EVENTS.grantRevoked(user, "grant-" + UUID.randomUUID(), List.of(jtiOf(token))).sign()));

        assertRevoked(api.get("/api/books", token));
        assertThat(api.get("/api/books", otherToken).status()).as("another token of the user").isEqualTo(200);
    }

    @Test
    void everyTokenOfARevokedGrantIsRefusedEvenOnesTheAuthServerNoLongerListed() {
        String user = UUID.randomUUID().toString();
        String grant = "grant-" + UUID.randomUUID();
        String beforeRotation = TOKENS.alice("books.read").subject(user).claim("grant_id", grant).sign();
        String afterRotation = TOKENS.alice("books.read").subject(user).claim("grant_id", grant).sign();
        String otherGrant = TOKENS.alice("books.read").subject(user).claim("grant_id", "grant-" + UUID.randomUUID()).sign();
        assertThat(api.get("/api/books", beforeRotation).status()).isEqualTo(200);

        assertAccepted(push(EVENTS.grantRevoked(user, grant, List.of()).sign()));

        assertRevoked(api.get("/api/books", beforeRotation));
        assertRevoked(api.get("/api/books", afterRotation));
        assertThat(api.get("/api/books", otherGrant).status()).isEqualTo(200);
    }

    @Test
    void aDeletedClientsOwnTokensAreRefusedThoughTheEventNamesNoGrantAndNoToken() {
        String client = "deleted-" + UUID.randomUUID();
        String itsToken = TOKENS.client(client, "books.read").sign();
        String anotherClients = TOKENS.client("still-here-" + UUID.randomUUID(), "books.read").sign();
        assertThat(api.get("/api/books", itsToken).status()).isEqualTo(200);

        assertAccepted(push(EVENTS.event(SecurityEvents.GRANT_REVOKED, Map.of("reason", "client_deleted",
                "client_id", client, "jtis", List.of())).client(client).sign()));

        assertRevoked(api.get("/api/books", itsToken));
        assertThat(api.get("/api/books", anotherClients).status()).isEqualTo(200);
    }

    @Test
    void aUsersTokensIssuedUpToTheEventAreRefusedAndLaterOnesAccepted() {
        String user = UUID.randomUUID().toString();
        Instant changed = Instant.now().minusSeconds(60);
        String before = TOKENS.alice("books.read").subject(user).expiresIn(Duration.ofMinutes(3)).sign();
        String after = TOKENS.alice("books.read").subject(user).sign();
        String someoneElse = TOKENS.alice("books.read").expiresIn(Duration.ofMinutes(3)).sign();
        assertThat(api.get("/api/books", before).status()).isEqualTo(200);

        assertAccepted(push(EVENTS.event(SecurityEvents.CREDENTIAL_CHANGE,
                Map.of("credential_type", "password", "change_type", "update")).user(user).happenedAt(changed).sign()));

        assertRevoked(api.get("/api/books", before));
        assertThat(api.get("/api/books", after).status()).as("issued after the change").isEqualTo(200);
        assertThat(api.get("/api/books", someoneElse).status()).isEqualTo(200);
    }

    @Test
    void aDisabledAccountsTokensAreRefused() {
        String user = UUID.randomUUID().toString();
        String token = TOKENS.alice("books.read").subject(user).sign();
        assertThat(api.get("/api/books", token).status()).isEqualTo(200);

        assertAccepted(push(EVENTS.event(SecurityEvents.ACCOUNT_DISABLED, Map.of("reason", "admin")).user(user).sign()));

        assertRevoked(api.get("/api/books", token));
    }

    @Test
    void aRevokedSessionsTokensAreRefusedAndTheUsersOtherSessionsAccepted() {
        String user = UUID.randomUUID().toString();
        String session = "sid-" + UUID.randomUUID();
        String inSession = TOKENS.alice("books.read").subject(user).claim("sid", session).sign();
        String inOtherSession = TOKENS.alice("books.read").subject(user).claim("sid", "sid-" + UUID.randomUUID()).sign();
        assertThat(api.get("/api/books", inSession).status()).isEqualTo(200);

        assertAccepted(push(EVENTS.event(SecurityEvents.SESSION_REVOKED, Map.of()).session(user, session).sign()));

        assertRevoked(api.get("/api/books", inSession));
        assertThat(api.get("/api/books", inOtherSession).status()).isEqualTo(200);
    }

    @Test
    void aSessionsLaterTokensAreAccepted() {
        String user = UUID.randomUUID().toString();
        String session = "sid-" + UUID.randomUUID();
        String later = TOKENS.alice("books.read").subject(user).claim("sid", session).sign();

        assertAccepted(push(EVENTS.event(SecurityEvents.SESSION_REVOKED, Map.of()).session(user, session)
                .happenedAt(Instant.now().minusSeconds(30)).sign()));

        assertThat(api.get("/api/books", later).status()).isEqualTo(200);
    }

    @Test
    void anOpaqueTokenIsIntrospectedAgainAndRefusedOnceItsUserIsDisabled() {
        String user = UUID.randomUUID().toString();
        String token = AUTH_SERVER.issueOpaqueToken(Map.of("sub", user, "client_id", "demo-web", "scope", "books.read",
                "aud", List.of(dev.tollgate.api.support.AccessTokens.AUDIENCE),
                "iat", Instant.now().minusSeconds(10).getEpochSecond()));
        assertThat(api.get("/api/books", token).status()).isEqualTo(200);
        int introspected = AUTH_SERVER.introspectionRequests();

        assertAccepted(push(EVENTS.event(SecurityEvents.ACCOUNT_DISABLED, Map.of("reason", "admin")).user(user).sign()));

        assertRevoked(api.get("/api/books", token));
        assertThat(AUTH_SERVER.introspectionRequests()).as("the cached answer was dropped").isEqualTo(introspected + 1);
    }

    @Test
    void keysRotatedByTheAuthServerAreFollowed() {
        String user = UUID.randomUUID().toString();
        String token = TOKENS.alice("books.read").subject(user).sign();
        assertThat(api.get("/api/books", token).status()).isEqualTo(200);
        RSAKey newKey = AUTH_SERVER.publishKey();

        assertAccepted(push(EVENTS.event(SecurityEvents.TOKEN_CLAIMS_CHANGE, Map.of("claims", Map.of("roles", List.of())))
                .user(user).signedWith(newKey).sign()));

        assertRevoked(api.get("/api/books", token));
    }

    static String jtiOf(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet().getJWTID();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertRevoked(ApiResponse response) {
        assertProblem(response, 401, "invalid-token");
        assertThat(response.text("detail")).contains("revoked");
        assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
    }
}
