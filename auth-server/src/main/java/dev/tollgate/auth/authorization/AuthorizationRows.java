package dev.tollgate.auth.authorization;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.util.StringUtils;

import dev.tollgate.auth.secret.SecretDigest;

/**
 * An authorization as a row of {@code token_authorization} and back, without the database: what
 * {@link HashedAuthorizationService} writes and reads. Every code, token and state becomes its {@link SecretDigest};
 * a token read back carries the value it was looked up by, and the row's other tokens a placeholder that no endpoint
 * accepts, since their values are not known any more.
 */
final class AuthorizationRows {

    /** Attribute, never stored: the row version an authorization was read at; a save is conditional on it. */
    static final String ROW_VERSION = "tollgate.row_version";

    // An authorization without tokens waits for the user's consent; the consent page is not left open for longer.
    private static final Duration PENDING_CONSENT_LIFETIME = Duration.ofHours(1);

    private static final String PLACEHOLDER_PREFIX = "sha256:";

    // The client is only needed for its id; the repository lookup would cost a query per token look-up.
    private static final AuthorizationGrantType ANY_GRANT = AuthorizationGrantType.CLIENT_CREDENTIALS;

    /** Every column an authorization is written to, except the version and the session, which are set apart. */
    static final List<String> COLUMNS = Stream.concat(
            Stream.of("id", "registered_client_id", "principal_name", "grant_type", "authorized_scopes", "attributes",
                    "state_hash", "refresh_family_issued_at", "access_token_type", "access_token_scopes",
                    "access_token_claims", "access_token_format", "id_token_claims", "expires_at"),
            Arrays.stream(Kind.values()).flatMap(kind -> kind.columns().stream())).toList();

    // Spring Security's allow-listing mapper: attributes hold the authorization request and the signed-in user
    private static final JsonMapper JSON = JsonMapper.builder()
            .addModules(SecurityJacksonModules.getModules(AuthorizationRows.class.getClassLoader()))
            .build();

    private static final ParsedAttributes ATTRIBUTES = new ParsedAttributes(JSON);

    private final SecretDigest digest = new SecretDigest();

    /** The digest a code, token or state is stored and looked up by. */
    String digestOf(String value) {
        return digest.encode(value);
    }

    /**
     * The row of an authorization, one value per {@link #COLUMNS column}. {@code expires_at} is when its last usable
     * token expires; {@code now} for one with only spent tokens, an hour from now for one still waiting for consent.
     */
    Map<String, Object> toRow(OAuth2Authorization authorization, Instant now) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", authorization.getId());
        row.put("registered_client_id", authorization.getRegisteredClientId());
        row.put("principal_name", authorization.getPrincipalName());
        row.put("grant_type", authorization.getAuthorizationGrantType().getValue());
        row.put("authorized_scopes", String.join(" ", authorization.getAuthorizedScopes()));
        Map<String, Object> attributes = new LinkedHashMap<>(authorization.getAttributes());
        String state = (String) attributes.remove(OAuth2ParameterNames.STATE);
        Instant familyIssuedAt = (Instant) attributes.remove(TokenFamilies.FAMILY_ISSUED_AT);
        attributes.remove(ROW_VERSION);
        row.put("attributes", attributes.isEmpty() ? null : JSON.writeValueAsString(attributes));
        row.put("state_hash", state == null ? null : digest.encode(state));
        OAuth2Authorization.Token<OAuth2RefreshToken> refreshToken = authorization.getRefreshToken();
        if (familyIssuedAt == null && refreshToken != null) {
            familyIssuedAt = refreshToken.getToken().getIssuedAt();
        }
        row.put("refresh_family_issued_at", timestamp(familyIssuedAt));
        Instant expiresAt = null;
        boolean anyToken = false;
        for (Kind kind : Kind.values()) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(kind.type);
            anyToken |= token != null;
            kind.write(token, row, this::hashOf);
            if (token != null && !token.isInvalidated() && token.getToken().getExpiresAt() != null
                    && (expiresAt == null || token.getToken().getExpiresAt().isAfter(expiresAt))) {
                expiresAt = token.getToken().getExpiresAt();
            }
        }
        OAuth2Authorization.Token<OAuth2AccessToken> accessToken = authorization.getAccessToken();
        row.put("access_token_type", accessToken == null ? null : accessToken.getToken().getTokenType().getValue());
        row.put("access_token_scopes", accessToken == null ? null : String.join(" ", accessToken.getToken().getScopes()));
        row.put("access_token_claims", claimsOf(accessToken));
        row.put("access_token_format", accessToken == null ? null : accessToken.getMetadata(OAuth2TokenFormat.class.getName()));
        row.put("id_token_claims", claimsOf(authorization.getToken(OidcIdToken.class)));
        if (StatelessClientTokens.isStateless(authorization)) {
            // only a revoked one is saved: its row must outlive the token, or the token would count as valid again
            expiresAt = accessToken.getToken().getExpiresAt();
        }
        row.put("expires_at", timestamp(expiresAt != null ? expiresAt : anyToken ? now : now.plus(PENDING_CONSENT_LIFETIME)));
        return row;
    }

    /**
     * The authorization of a row. {@code presentedValue} is what it was looked up by: a token of
     * {@code presentedKind}, or its state when that kind is null; null when looked up by id.
     */
    OAuth2Authorization fromRow(Row row, String presentedValue, Kind presentedKind) throws SQLException {
        String clientId = row.text("registered_client_id");
        OAuth2Authorization.Builder authorization = OAuth2Authorization
                .withRegisteredClient(RegisteredClient.withId(clientId).clientId(clientId)
                        .authorizationGrantType(ANY_GRANT).build())
                .id(row.text("id"))
                .principalName(row.text("principal_name"))
                .authorizationGrantType(new AuthorizationGrantType(row.text("grant_type")))
                .authorizedScopes(scopes(row.text("authorized_scopes")))
                .attribute(ROW_VERSION, row.number("version"));
        String attributes = row.text("attributes");
        if (attributes != null) {
            Map<String, Object> values = ATTRIBUTES.read(attributes);
            authorization.attributes(all -> all.putAll(values));
        }
        Instant familyIssuedAt = row.instant("refresh_family_issued_at");
        if (familyIssuedAt != null) {
            authorization.attribute(TokenFamilies.FAMILY_ISSUED_AT, familyIssuedAt);
        }
        if (presentedValue != null && presentedKind == null) {
            authorization.attribute(OAuth2ParameterNames.STATE, presentedValue);
        }
        for (Kind kind : Kind.values()) {
            String hash = row.text(kind.column + "_hash");
            if (hash == null) {
                continue;
            }
            String value = kind == presentedKind ? presentedValue : PLACEHOLDER_PREFIX + hash;
            OAuth2Token token = kind.read(row, value);
            boolean invalidated = row.flag(kind.column + "_invalidated");
            Map<String, Object> claims = kind.claimsColumn == null ? null : readClaims(row.text(kind.claimsColumn));
            String format = kind == Kind.ACCESS_TOKEN ? row.text("access_token_format") : null;
            authorization.token(token, metadata -> {
                metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, invalidated);
                if (claims != null) {
                    metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims);
                }
                if (format != null) {
                    metadata.put(OAuth2TokenFormat.class.getName(), format);
                }
            });
        }
        return authorization.build();
    }

    private String hashOf(String tokenValue) {
        return tokenValue.startsWith(PLACEHOLDER_PREFIX) ? tokenValue.substring(PLACEHOLDER_PREFIX.length())
                : digest.encode(tokenValue);
    }

    private static String claimsOf(OAuth2Authorization.Token<?> token) {
        return token == null || token.getClaims() == null ? null : JSON.writeValueAsString(token.getClaims());
    }

    /** The {@code jti} in an {@code access_token_claims} column, if any. */
    static Optional<String> tokenIdOf(String claims) {
        return Optional.ofNullable(readClaims(claims)).map(read -> read.get("jti")).map(Object::toString);
    }

    private static Map<String, Object> readClaims(String claims) {
        return claims == null ? null : JSON.readValue(claims, new TypeReference<Map<String, Object>>() {
        });
    }

    private static Set<String> scopes(String scopes) {
        return StringUtils.hasText(scopes) ? new LinkedHashSet<>(Arrays.asList(scopes.split(" "))) : Set.of();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** A row as read: the database's result set, or a map in a test. */
    interface Row {

        String text(String column) throws SQLException;

        Instant instant(String column) throws SQLException;

        boolean flag(String column) throws SQLException;

        long number(String column) throws SQLException;
    }

    /** The token kinds of an authorization, each a column group {@code <column>_hash, _issued_at, ...}. */
    enum Kind {
        CODE("code", OAuth2AuthorizationCode.class, null,
                (row, value) -> new OAuth2AuthorizationCode(value, row.instant("code_issued_at"),
                        row.instant("code_expires_at"))),
        ACCESS_TOKEN("access_token", OAuth2AccessToken.class, "access_token_claims",
                (row, value) -> new OAuth2AccessToken(
                        OAuth2AccessToken.TokenType.DPOP.getValue().equalsIgnoreCase(row.text("access_token_type"))
                                ? OAuth2AccessToken.TokenType.DPOP : OAuth2AccessToken.TokenType.BEARER,
                        value, row.instant("access_token_issued_at"), row.instant("access_token_expires_at"),
                        scopes(row.text("access_token_scopes")))),
        REFRESH_TOKEN("refresh_token", OAuth2RefreshToken.class, null,
                (row, value) -> new OAuth2RefreshToken(value, row.instant("refresh_token_issued_at"),
                        row.instant("refresh_token_expires_at"))),
        ID_TOKEN("id_token", OidcIdToken.class, "id_token_claims",
                (row, value) -> new OidcIdToken(value, row.instant("id_token_issued_at"),
                        row.instant("id_token_expires_at"), readClaims(row.text("id_token_claims")))),
        DEVICE_CODE("device_code", OAuth2DeviceCode.class, null,
                (row, value) -> new OAuth2DeviceCode(value, row.instant("device_code_issued_at"),
                        row.instant("device_code_expires_at"))),
        USER_CODE("user_code", OAuth2UserCode.class, null,
                (row, value) -> new OAuth2UserCode(value, row.instant("user_code_issued_at"),
                        row.instant("user_code_expires_at")));

        final String column;

        final Class<? extends OAuth2Token> type;

        final String claimsColumn;

        private final TokenReader reader;

        Kind(String column, Class<? extends OAuth2Token> type, String claimsColumn, TokenReader reader) {
            this.column = column;
            this.type = type;
            this.claimsColumn = claimsColumn;
            this.reader = reader;
        }

        static Kind of(OAuth2TokenType tokenType) {
            return Arrays.stream(values()).filter(kind -> kind.column.equals(tokenType.getValue())).findFirst()
                    .orElse(null);
        }

        List<String> columns() {
            return List.of(column + "_hash", column + "_issued_at", column + "_expires_at", column + "_invalidated");
        }

        void write(OAuth2Authorization.Token<? extends OAuth2Token> token, Map<String, Object> row,
                Function<String, String> hashOf) {
            row.put(column + "_hash", token == null ? null : hashOf.apply(token.getToken().getTokenValue()));
            row.put(column + "_issued_at", token == null ? null : timestamp(token.getToken().getIssuedAt()));
            row.put(column + "_expires_at", token == null ? null : timestamp(token.getToken().getExpiresAt()));
            row.put(column + "_invalidated", token == null ? null : token.isInvalidated());
        }

        OAuth2Token read(Row row, String value) throws SQLException {
            return reader.read(row, value);
        }
    }

    @FunctionalInterface
    private interface TokenReader {

        OAuth2Token read(Row row, String value) throws SQLException;
    }
}
