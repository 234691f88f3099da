package dev.tollgate.auth.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import dev.tollgate.auth.authorization.AuthorizationRows.Kind;

/** The row mapping of the authorization store, without a database: what is written, and what is read back. */
class AuthorizationRowsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private static final RegisteredClient CLIENT = RegisteredClient.withId("client-1").clientId("demo-web")
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("http://localhost:8081/callback")
            .build();

    private final AuthorizationRows rows = new AuthorizationRows();

    @Test
    void noCodeTokenOrStateIsWrittenInClear() {
        Map<String, Object> row = rows.toRow(granted(), NOW);

        assertThat(row.values()).doesNotContain("the-code", "the-access-token", "the-refresh-token", "the-state");
        assertThat(row.get("refresh_token_hash")).isEqualTo(rows.digestOf("the-refresh-token"));
        assertThat(row.get("state_hash")).isEqualTo(rows.digestOf("the-state"));
    }

    @Test
    void aTokenReadBackCarriesTheValueItWasFoundByAndTheOthersAPlaceholder() throws Exception {
        OAuth2Authorization read = rows.fromRow(stored(rows.toRow(granted(), NOW), 7), "the-refresh-token",
                Kind.REFRESH_TOKEN);

        assertThat(read.getRefreshToken().getToken().getTokenValue()).isEqualTo("the-refresh-token");
        assertThat(read.getAccessToken().getToken().getTokenValue()).isNotEqualTo("the-access-token")
                .startsWith("sha256:");
        assertThat(read.<Long>getAttribute(AuthorizationRows.ROW_VERSION)).isEqualTo(7L);
        assertThat(read.getRegisteredClientId()).isEqualTo("client-1");
        assertThat(read.getAuthorizedScopes()).containsExactly("openid", "books.read");
    }

    @Test
    void writingBackWhatWasReadKeepsTheDigestsOfTokensItDoesNotKnow() throws Exception {
        Map<String, Object> written = rows.toRow(granted(), NOW);
        OAuth2Authorization read = rows.fromRow(stored(written, 1), "the-refresh-token", Kind.REFRESH_TOKEN);

        Map<String, Object> rewritten = rows.toRow(read, NOW);

        assertThat(rewritten).doesNotContainKey(AuthorizationRows.ROW_VERSION);
        for (Kind kind : Kind.values()) {
            assertThat(rewritten.get(kind.column + "_hash")).as(kind.name()).isEqualTo(written.get(kind.column + "_hash"));
        }
    }

    @Test
    void theRowLivesUntilItsLastUsableTokenExpires() {
        assertThat(rows.toRow(granted(), NOW).get("expires_at"))
                .isEqualTo(Timestamp.from(NOW.plus(Duration.ofHours(8))));
    }

    @Test
    void aRevokedAuthorizationExpiresAtOnce() {
        // invalidating the refresh token invalidates every token issued with it
        OAuth2Authorization revoked = OAuth2Authorization.from(granted())
                .invalidate(new OAuth2RefreshToken("the-refresh-token", NOW, NOW.plus(Duration.ofHours(8))))
                .build();

        assertThat(rows.toRow(revoked, NOW).get("expires_at")).isEqualTo(Timestamp.from(NOW));
    }

    @Test
    void anAuthorizationWaitingForConsentIsKeptForAnHour() {
        OAuth2Authorization pending = OAuth2Authorization.withRegisteredClient(CLIENT).id("authorization-2")
                .principalName("alice-id").authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .attribute(OAuth2ParameterNames.STATE, "the-state")
                .build();

        assertThat(rows.toRow(pending, NOW).get("expires_at")).isEqualTo(Timestamp.from(NOW.plus(Duration.ofHours(1))));
    }

    private static OAuth2Authorization granted() {
        return OAuth2Authorization.withRegisteredClient(CLIENT).id("authorization-1")
                .principalName("alice-id")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizedScopes(Set.of("openid", "books.read"))
                .attribute(OAuth2ParameterNames.STATE, "the-state")
                .token(new OAuth2AuthorizationCode("the-code", NOW, NOW.plus(Duration.ofMinutes(1))),
                        metadata -> metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, true))
                .accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "the-access-token", NOW,
                        NOW.plus(Duration.ofMinutes(5)), Set.of("openid", "books.read")))
                .refreshToken(new OAuth2RefreshToken("the-refresh-token", NOW, NOW.plus(Duration.ofHours(8))))
                .build();
    }

    /** The row as the database gives it back, at {@code version}. */
    private static AuthorizationRows.Row stored(Map<String, Object> written, long version) {
        Map<String, Object> row = new HashMap<>(written);
        row.put("version", version);
        return new AuthorizationRows.Row() {

            @Override
            public String text(String column) {
                return (String) row.get(column);
            }

            @Override
            public Instant instant(String column) {
                return row.get(column) instanceof Timestamp timestamp ? timestamp.toInstant() : null;
            }

            @Override
            public boolean flag(String column) {
                return Boolean.TRUE.equals(row.get(column));
            }

            @Override
            public long number(String column) {
                return ((Number) row.get(column)).longValue();
            }
        };
    }
}
