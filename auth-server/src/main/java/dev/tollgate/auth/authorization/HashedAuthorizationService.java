package dev.tollgate.auth.authorization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.stereotype.Repository;
import org.springframework.util.StringUtils;

import dev.tollgate.auth.secret.SecretDigest;

/**
 * Authorizations and their tokens in table {@code token_authorization} (see V10 migration): one row per
 * authorization, every code, token and state stored only as its SHA-256 digest and found through a unique index
 * on that digest. A token read back carries the value it was looked up by; the row's other tokens carry a
 * placeholder that no endpoint accepts, since their values are not known any more. JWT access tokens of the
 * client_credentials grant are not stored unless revoked (see {@link StatelessClientTokens}).
 * <p>
 * Each row has a version, raised by every change. An authorization read from the store remembers the version it was
 * read at ({@link #ROW_VERSION}, an attribute that is never stored), and saving it again changes the row only if
 * nobody changed it in between; otherwise {@link AuthorizationChangedConcurrently}. So a code or refresh token
 * sent in parallel requests is used once, and a revocation that commits while a token request is under way cannot
 * be undone by that request writing back the copy it read.
 */
@Repository
public class HashedAuthorizationService implements OAuth2AuthorizationService, TokenFamilies {

    /** Attribute, never stored: the row version an authorization was read at; a save is conditional on it. */
    static final String ROW_VERSION = "tollgate.row_version";

    // An authorization without tokens waits for the user's consent; the consent page is not left open for longer.
    private static final Duration PENDING_CONSENT_LIFETIME = Duration.ofHours(1);

    private static final String PLACEHOLDER_PREFIX = "sha256:";

    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

    // The client is only needed for its id; the repository lookup would cost a query per token look-up.
    private static final AuthorizationGrantType ANY_GRANT = AuthorizationGrantType.CLIENT_CREDENTIALS;

    private static final String COLUMNS = Stream.concat(
            Stream.of("id", "registered_client_id", "principal_name", "grant_type", "authorized_scopes", "attributes",
                    "state_hash", "refresh_family_issued_at", "access_token_type", "access_token_scopes",
                    "access_token_claims", "access_token_format", "id_token_claims", "expires_at"),
            Arrays.stream(Kind.values()).flatMap(kind -> kind.columns().stream())).collect(Collectors.joining(", "));

    private static final String INSERT = "INSERT INTO token_authorization (" + COLUMNS + ", session_hash) VALUES ("
            + Arrays.stream(COLUMNS.split(", ")).map(column -> ":" + column).collect(Collectors.joining(", "))
            + ", :session_hash)";

    // session_hash is set once, when the user authorizes; the family start once, with the first refresh token
    private static final String UPDATE = "UPDATE token_authorization SET "
            + Arrays.stream(COLUMNS.split(", ")).filter(column -> !column.equals("id"))
                    .map(column -> column.equals("refresh_family_issued_at")
                            ? column + " = COALESCE(" + column + ", :" + column + ")"
                            : column + " = :" + column)
                    .collect(Collectors.joining(", "))
            + ", version = version + 1 WHERE id = :id AND version = :read_version";

    private static final String SELECT = "SELECT * FROM token_authorization WHERE ";

    // Spring Security's allow-listing mapper: attributes hold the authorization request and the signed-in user
    private static final JsonMapper JSON = JsonMapper.builder()
            .addModules(SecurityJacksonModules.getModules(HashedAuthorizationService.class.getClassLoader()))
            .build();

    private static final ParsedAttributes ATTRIBUTES = new ParsedAttributes(JSON);

    private final JdbcClient jdbc;

    private final Clock clock;

    private final SecretDigest digest = new SecretDigest();

    private final StatelessClientTokens statelessClientTokens;

    private final CurrentBrowserSession browserSession;

    public HashedAuthorizationService(JdbcClient jdbc, Clock clock, StatelessClientTokens statelessClientTokens,
            CurrentBrowserSession browserSession) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.statelessClientTokens = statelessClientTokens;
        this.browserSession = browserSession;
    }

    /**
     * Inserts an authorization that was not read from the store; writes one that was only if its row is still at
     * the version it was read at.
     *
     * @throws AuthorizationChangedConcurrently if the row changed (or went) since it was read
     */
    @Override
    public void save(OAuth2Authorization authorization) {
        if (isNewClientCredentialsGrant(authorization) && StatelessClientTokens.isStateless(authorization)) {
            return;
        }
        Map<String, Object> row = toRow(authorization);
        Long readVersion = authorization.getAttribute(ROW_VERSION);
        if (readVersion == null) {
            try {
                insert(row, authorization);
            }
            catch (DuplicateKeyException savedConcurrently) {
                // only a revoked stateless client token is saved with an id of its own (its jti) without being read:
                // another request revoked it first
                throw new AuthorizationChangedConcurrently(authorization.getId());
            }
            return;
        }
        if (jdbc.sql(UPDATE).params(row).param("read_version", readVersion).update() == 0) {
            throw new AuthorizationChangedConcurrently(authorization.getId());
        }
    }

    /**
     * Deletes the authorization, if read from the store only while it is at the version it was read at: a pushed
     * authorization request or a consent state is removed once.
     *
     * @throws AuthorizationChangedConcurrently if the row changed (or went) since it was read
     */
    @Override
    public void remove(OAuth2Authorization authorization) {
        Long readVersion = authorization.getAttribute(ROW_VERSION);
        int deleted = readVersion == null
                ? jdbc.sql("DELETE FROM token_authorization WHERE id = ?").param(authorization.getId()).update()
                : jdbc.sql("DELETE FROM token_authorization WHERE id = ? AND version = ?")
                        .params(authorization.getId(), readVersion).update();
        if (readVersion != null && deleted == 0) {
            throw new AuthorizationChangedConcurrently(authorization.getId());
        }
        jdbc.sql("DELETE FROM rotated_refresh_token WHERE authorization_id = ?").param(authorization.getId()).update();
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return jdbc.sql(SELECT + "id = ?").param(id).query((rs, row) -> fromRow(rs, null, null)).optional()
                .orElse(null);
    }

    /**
     * Finds the authorization holding {@code token}. Without a type (introspection, revocation) the token is an
     * access or a refresh token: one query, an indexed look-up per kind.
     */
    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (!StringUtils.hasText(token)) {
            return null;
        }
        String hash = digest.encode(token);
        if (tokenType == null) {
            return jdbc.sql(SELECT + "access_token_hash = :hash UNION ALL " + SELECT + "refresh_token_hash = :hash")
                    .param("hash", hash)
                    .query((rs, row) -> fromRow(rs, token, hash.equals(rs.getString("access_token_hash"))
                            ? Kind.ACCESS_TOKEN : Kind.REFRESH_TOKEN))
                    .list().stream().findFirst()
                    .or(() -> statelessClientTokens.authorizationOf(token)).orElse(null);
        }
        if (STATE.equals(tokenType)) {
            return jdbc.sql(SELECT + "state_hash = ?").param(hash).query((rs, row) -> fromRow(rs, token, null))
                    .optional().orElse(null);
        }
        Kind kind = Kind.of(tokenType);
        if (kind == null) {
            return null;
        }
        return jdbc.sql(SELECT + kind.column + "_hash = ?").param(hash).query((rs, row) -> fromRow(rs, token, kind))
                .optional()
                .or(() -> kind == Kind.ACCESS_TOKEN ? statelessClientTokens.authorizationOf(token) : Optional.empty())
                .orElse(null);
    }

    /** Raises the version: a request that read the authorization before cannot write its copy back over this. */
    @Override
    public boolean revokeAll(String authorizationId) {
        return jdbc.sql("UPDATE token_authorization SET " + Kind.allInvalidated()
                        + ", expires_at = ?, version = version + 1 WHERE id = ?")
                .params(Timestamp.from(clock.instant()), authorizationId)
                .update() > 0;
    }

    @Override
    public int revokeAllOfSession(String sessionHash) {
        return jdbc.sql("UPDATE token_authorization SET " + Kind.allInvalidated()
                        + ", expires_at = ?, version = version + 1 WHERE session_hash = ?")
                .params(Timestamp.from(clock.instant()), sessionHash)
                .update();
    }

    private void insert(Map<String, Object> row, OAuth2Authorization authorization) {
        boolean userAuthorizesInBrowser = AuthorizationGrantType.AUTHORIZATION_CODE
                .equals(authorization.getAuthorizationGrantType());
        jdbc.sql(INSERT).params(row)
                .param("session_hash", userAuthorizesInBrowser ? browserSession.digest().orElse(null) : null)
                .update();
    }

    // Spring Authorization Server saves a client_credentials authorization again only to invalidate its token.
    private static boolean isNewClientCredentialsGrant(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2AccessToken> accessToken = authorization.getAccessToken();
        return AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())
                && accessToken != null && !accessToken.isInvalidated();
    }

    private Map<String, Object> toRow(OAuth2Authorization authorization) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", authorization.getId());
        row.put("registered_client_id", authorization.getRegisteredClientId());
        row.put("principal_name", authorization.getPrincipalName());
        row.put("grant_type", authorization.getAuthorizationGrantType().getValue());
        row.put("authorized_scopes", String.join(" ", authorization.getAuthorizedScopes()));
        Map<String, Object> attributes = new LinkedHashMap<>(authorization.getAttributes());
        String state = (String) attributes.remove(OAuth2ParameterNames.STATE);
        Instant familyIssuedAt = (Instant) attributes.remove(FAMILY_ISSUED_AT);
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
        Instant now = clock.instant();
        row.put("expires_at", timestamp(expiresAt != null ? expiresAt : anyToken ? now : now.plus(PENDING_CONSENT_LIFETIME)));
        return row;
    }

    private OAuth2Authorization fromRow(ResultSet rs, String presentedValue, Kind presentedKind) throws SQLException {
        String clientId = rs.getString("registered_client_id");
        OAuth2Authorization.Builder authorization = OAuth2Authorization
                .withRegisteredClient(RegisteredClient.withId(clientId).clientId(clientId)
                        .authorizationGrantType(ANY_GRANT).build())
                .id(rs.getString("id"))
                .principalName(rs.getString("principal_name"))
                .authorizationGrantType(new AuthorizationGrantType(rs.getString("grant_type")))
                .authorizedScopes(scopes(rs.getString("authorized_scopes")))
                .attribute(ROW_VERSION, rs.getLong("version"));
        String attributes = rs.getString("attributes");
        if (attributes != null) {
            Map<String, Object> values = ATTRIBUTES.read(attributes);
            authorization.attributes(all -> all.putAll(values));
        }
        Timestamp familyIssuedAt = rs.getTimestamp("refresh_family_issued_at");
        if (familyIssuedAt != null) {
            authorization.attribute(FAMILY_ISSUED_AT, familyIssuedAt.toInstant());
        }
        if (presentedValue != null && presentedKind == null) {
            authorization.attribute(OAuth2ParameterNames.STATE, presentedValue);
        }
        for (Kind kind : Kind.values()) {
            String hash = rs.getString(kind.column + "_hash");
            if (hash == null) {
                continue;
            }
            String value = kind == presentedKind ? presentedValue : PLACEHOLDER_PREFIX + hash;
            OAuth2Token token = kind.read(rs, value);
            boolean invalidated = rs.getBoolean(kind.column + "_invalidated");
            Map<String, Object> claims = kind.claimsColumn == null ? null : readClaims(rs.getString(kind.claimsColumn));
            String format = kind == Kind.ACCESS_TOKEN ? rs.getString("access_token_format") : null;
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

    private String claimsOf(OAuth2Authorization.Token<?> token) {
        return token == null || token.getClaims() == null ? null : JSON.writeValueAsString(token.getClaims());
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

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** The token kinds of an authorization, each a column group {@code <column>_hash, _issued_at, ...}. */
    private enum Kind {
        CODE("code", OAuth2AuthorizationCode.class, null,
                (rs, value) -> new OAuth2AuthorizationCode(value, instant(rs, "code_issued_at"),
                        instant(rs, "code_expires_at"))),
        ACCESS_TOKEN("access_token", OAuth2AccessToken.class, "access_token_claims",
                (rs, value) -> new OAuth2AccessToken(
                        OAuth2AccessToken.TokenType.DPOP.getValue().equalsIgnoreCase(rs.getString("access_token_type"))
                                ? OAuth2AccessToken.TokenType.DPOP : OAuth2AccessToken.TokenType.BEARER,
                        value, instant(rs, "access_token_issued_at"), instant(rs, "access_token_expires_at"),
                        scopes(rs.getString("access_token_scopes")))),
        REFRESH_TOKEN("refresh_token", OAuth2RefreshToken.class, null,
                (rs, value) -> new OAuth2RefreshToken(value, instant(rs, "refresh_token_issued_at"),
                        instant(rs, "refresh_token_expires_at"))),
        ID_TOKEN("id_token", OidcIdToken.class, "id_token_claims",
                (rs, value) -> new OidcIdToken(value, instant(rs, "id_token_issued_at"),
                        instant(rs, "id_token_expires_at"), readClaims(rs.getString("id_token_claims")))),
        DEVICE_CODE("device_code", OAuth2DeviceCode.class, null,
                (rs, value) -> new OAuth2DeviceCode(value, instant(rs, "device_code_issued_at"),
                        instant(rs, "device_code_expires_at"))),
        USER_CODE("user_code", OAuth2UserCode.class, null,
                (rs, value) -> new OAuth2UserCode(value, instant(rs, "user_code_issued_at"),
                        instant(rs, "user_code_expires_at")));

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

        static String allInvalidated() {
            return Arrays.stream(values()).map(kind -> kind.column + "_invalidated = TRUE")
                    .collect(Collectors.joining(", "));
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

        OAuth2Token read(ResultSet rs, String value) throws SQLException {
            return reader.read(rs, value);
        }
    }

    @FunctionalInterface
    private interface TokenReader {

        OAuth2Token read(ResultSet rs, String value) throws SQLException;
    }
}
