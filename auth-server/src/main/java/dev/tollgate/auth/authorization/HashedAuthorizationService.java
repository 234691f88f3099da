package dev.tollgate.auth.authorization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Repository;
import org.springframework.util.StringUtils;

import dev.tollgate.auth.authorization.AuthorizationRows.Kind;

/**
 * Authorizations and their tokens in table {@code token_authorization} (see V10 migration): one row per
 * authorization ({@link AuthorizationRows}), every code, token and state stored only as its SHA-256 digest and found
 * through a unique index on that digest. JWT access tokens of the client_credentials grant are not stored unless
 * revoked (see {@link StatelessClientTokens}).
 * <p>
 * Each row has a version, raised by every change. An authorization read from the store remembers the version it was
 * read at ({@link AuthorizationRows#ROW_VERSION}, an attribute that is never stored), and saving it again changes the row only if
 * nobody changed it in between; otherwise {@link AuthorizationChangedConcurrently}. So a code or refresh token
 * sent in parallel requests is used once, and a revocation that commits while a token request is under way cannot
 * be undone by that request writing back the copy it read.
 */
@Repository
public class HashedAuthorizationService implements OAuth2AuthorizationService, TokenFamilies, DevicePolls {

    private static final String ROW_VERSION = AuthorizationRows.ROW_VERSION;

    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

    private static final String COLUMNS = String.join(", ", AuthorizationRows.COLUMNS);

    private static final String INSERT = "INSERT INTO token_authorization (" + COLUMNS + ", session_hash, derived_from)"
            + " VALUES (" + AuthorizationRows.COLUMNS.stream().map(column -> ":" + column).collect(Collectors.joining(", "))
            + ", :session_hash, :derived_from)";

    // the row itself, and every row exchanged from it (token exchange)
    private static final String OF_FAMILY = "(id = :id OR derived_from = :id)";

    private static final String DERIVED_FROM_ANY = " OR derived_from IN (SELECT id FROM token_authorization WHERE ";

    // session_hash is set once, when the user authorizes; the family start once, with the first refresh token
    private static final String UPDATE = "UPDATE token_authorization SET "
            + AuthorizationRows.COLUMNS.stream().filter(column -> !column.equals("id"))
                    .map(column -> column.equals("refresh_family_issued_at")
                            ? column + " = COALESCE(" + column + ", :" + column + ")"
                            : column + " = :" + column)
                    .collect(Collectors.joining(", "))
            + ", version = version + 1 WHERE id = :id AND version = :read_version";

    private static final String SELECT = "SELECT * FROM token_authorization WHERE ";

    // every token of the row invalidated, as revocation leaves it
    private static final String ALL_INVALIDATED = Arrays.stream(Kind.values())
            .map(kind -> kind.column + "_invalidated = TRUE").collect(Collectors.joining(", "));

    private final AuthorizationRows rows = new AuthorizationRows();

    private final JdbcClient jdbc;

    private final Clock clock;

    private final StatelessClientTokens statelessClientTokens;

    private final CurrentBrowserSession browserSession;

    private final ObjectProvider<RevokedGrants> revokedGrants;

    // the authorization a token exchange on this thread derives from (see deriving)
    private final ThreadLocal<String> derivingFrom = new ThreadLocal<>();

    public HashedAuthorizationService(JdbcClient jdbc, Clock clock, StatelessClientTokens statelessClientTokens,
            CurrentBrowserSession browserSession, ObjectProvider<RevokedGrants> revokedGrants) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.statelessClientTokens = statelessClientTokens;
        this.browserSession = browserSession;
        this.revokedGrants = revokedGrants;
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
        Map<String, Object> row = rows.toRow(authorization, clock.instant());
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
        return jdbc.sql(SELECT + "id = ?").param(id).query((rs, row) -> rows.fromRow(row(rs), null, null)).optional()
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
        String hash = rows.digestOf(token);
        if (tokenType == null) {
            return jdbc.sql(SELECT + "access_token_hash = :hash UNION ALL " + SELECT + "refresh_token_hash = :hash")
                    .param("hash", hash)
                    .query((rs, row) -> rows.fromRow(row(rs), token, hash.equals(rs.getString("access_token_hash"))
                            ? Kind.ACCESS_TOKEN : Kind.REFRESH_TOKEN))
                    .list().stream().findFirst()
                    .or(() -> statelessClientTokens.authorizationOf(token)).orElse(null);
        }
        if (STATE.equals(tokenType)) {
            return jdbc.sql(SELECT + "state_hash = ?").param(hash)
                    .query((rs, row) -> rows.fromRow(row(rs), token, null))
                    .optional().orElse(null);
        }
        Kind kind = Kind.of(tokenType);
        if (kind == null) {
            return null;
        }
        return jdbc.sql(SELECT + kind.column + "_hash = ?").param(hash)
                .query((rs, row) -> rows.fromRow(row(rs), token, kind))
                .optional()
                .or(() -> kind == Kind.ACCESS_TOKEN ? statelessClientTokens.authorizationOf(token) : Optional.empty())
                .orElse(null);
    }

    /**
     * Raises the version: a request that read the authorization before cannot write its copy back over this. Revokes
     * the authorizations exchanged from it too.
     */
    @Override
    public boolean revokeAll(String authorizationId, RevocationCause cause) {
        announce(OF_FAMILY, Map.of("id", authorizationId), cause);
        return jdbc.sql("UPDATE token_authorization SET " + ALL_INVALIDATED
                        + ", expires_at = :now, version = version + 1 WHERE " + OF_FAMILY)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", authorizationId)
                .update() > 0;
    }

    @Override
    public int revokeAllOfSession(String sessionHash, RevocationCause cause) {
        return revokeAllWhere("session_hash", sessionHash, cause);
    }

    @Override
    public int revokeAllOfClient(String registeredClientId) {
        return revokeAllWhere("registered_client_id", registeredClientId, RevocationCause.CLIENT_DELETED);
    }

    private int revokeAllWhere(String column, String value, RevocationCause cause) {
        announce(column + " = :value" + DERIVED_FROM_ANY + column + " = :value)", Map.of("value", value), cause);
        return jdbc.sql("UPDATE token_authorization SET " + ALL_INVALIDATED + ", expires_at = :now, version = version + 1"
                        + " WHERE " + column + " = :value" + DERIVED_FROM_ANY + column + " = :value)")
                .param("now", Timestamp.from(clock.instant()))
                .param("value", value)
                .update();
    }

    @Override
    public int revokeAllOfUser(String principalName, RevocationCause cause) {
        announce("principal_name = :user AND grant_type <> :service", Map.of("user", principalName,
                "service", AuthorizationGrantType.CLIENT_CREDENTIALS.getValue()), cause);
        return jdbc.sql("UPDATE token_authorization SET " + ALL_INVALIDATED
                        + ", expires_at = ?, version = version + 1 WHERE principal_name = ? AND grant_type <> ?")
                .params(Timestamp.from(clock.instant()), principalName,
                        AuthorizationGrantType.CLIENT_CREDENTIALS.getValue())
                .update();
    }

    @Override
    public int revokeAllOfUserAndClient(String principalName, String registeredClientId) {
        String ofUserAndClient = "principal_name = :user AND registered_client_id = :client AND grant_type <> :service";
        announce(ofUserAndClient + DERIVED_FROM_ANY + ofUserAndClient + ")", Map.of("user", principalName,
                "client", registeredClientId, "service", AuthorizationGrantType.CLIENT_CREDENTIALS.getValue()),
                RevocationCause.CONSENT_WITHDRAWN);
        return jdbc.sql("UPDATE token_authorization SET " + ALL_INVALIDATED + ", expires_at = :now, version = version + 1"
                        + " WHERE " + ofUserAndClient + DERIVED_FROM_ANY + ofUserAndClient + ")")
                .param("now", Timestamp.from(clock.instant()))
                .param("user", principalName)
                .param("client", registeredClientId)
                .param("service", AuthorizationGrantType.CLIENT_CREDENTIALS.getValue())
                .update();
    }

    @Override
    public <T> T deriving(String authorizationId, Supplier<T> exchange) {
        derivingFrom.set(authorizationId);
        try {
            return exchange.get();
        }
        finally {
            derivingFrom.remove();
        }
    }

    /** Keeps the grants exchanged from the kept session's grants with them. */
    @Override
    public int revokeAllOfUserExceptSession(String principalName, String keptSessionDigest) {
        announce("principal_name = :user AND grant_type <> :service AND (session_hash IS NULL OR session_hash <> :kept)"
                        + " AND (derived_from IS NULL OR derived_from NOT IN"
                        + " (SELECT id FROM token_authorization WHERE session_hash = :kept))",
                Map.of("user", principalName, "service", AuthorizationGrantType.CLIENT_CREDENTIALS.getValue(),
                        "kept", keptSessionDigest), RevocationCause.SESSIONS_ENDED);
        return jdbc.sql("UPDATE token_authorization SET " + ALL_INVALIDATED + ", expires_at = ?, version = version + 1"
                        + " WHERE principal_name = ? AND grant_type <> ?"
                        + " AND (session_hash IS NULL OR session_hash <> ?)"
                        + " AND (derived_from IS NULL OR derived_from NOT IN"
                        + " (SELECT id FROM token_authorization WHERE session_hash = ?))")
                .params(Timestamp.from(clock.instant()), principalName,
                        AuthorizationGrantType.CLIENT_CREDENTIALS.getValue(), keptSessionDigest, keptSessionDigest)
                .update();
    }

    /**
     * Tells {@link RevokedGrants} of the grants matching {@code condition} that still hold a usable access token, read
     * just before the revocation that ends them; a grant whose tokens are all spent ends unannounced.
     */
    private void announce(String condition, Map<String, ?> params, RevocationCause cause) {
        RevokedGrants listener = revokedGrants.getIfAvailable();
        if (listener == null) {
            return;
        }
        List<RevokedGrant> live = jdbc.sql("SELECT id, registered_client_id, principal_name, grant_type,"
                        + " access_token_claims FROM token_authorization WHERE access_token_hash IS NOT NULL"
                        + " AND expires_at > :now AND (" + condition + ")")
                .params(params)
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, row) -> new RevokedGrant(rs.getString("id"), rs.getString("registered_client_id"),
                        rs.getString("principal_name"),
                        AuthorizationGrantType.CLIENT_CREDENTIALS.getValue().equals(rs.getString("grant_type")),
                        AuthorizationRows.tokenIdOf(rs.getString("access_token_claims")).stream().toList(), true))
                .list();
        if (!live.isEmpty()) {
            listener.revoked(live, cause);
        }
    }

    @Override
    public Map<String, Instant> lastAccessTokenByClient(String principalName) {
        Map<String, Instant> lastByClient = new LinkedHashMap<>();
        jdbc.sql("SELECT registered_client_id, MAX(access_token_issued_at) AS last_issued FROM token_authorization"
                        + " WHERE principal_name = ? AND grant_type <> ? AND access_token_issued_at IS NOT NULL"
                        + " GROUP BY registered_client_id")
                .params(principalName, AuthorizationGrantType.CLIENT_CREDENTIALS.getValue())
                .query(rs -> {
                    lastByClient.put(rs.getString("registered_client_id"),
                            rs.getObject("last_issued", OffsetDateTime.class).toInstant());
                });
        return lastByClient;
    }

    @Override
    public Set<String> clientsOfSession(String sessionDigest) {
        return new TreeSet<>(jdbc.sql("SELECT DISTINCT registered_client_id FROM token_authorization"
                        + " WHERE session_hash = ? AND access_token_hash IS NOT NULL")
                .param(sessionDigest)
                .query(String.class)
                .list());
    }

    /**
     * Two devices polling with one code at the same instant may both pass; each poll is still answered once, and the
     * code still gives one token (the row version decides).
     */
    @Override
    public boolean tooEarly(String deviceCode, Instant now, Duration initialInterval, Duration increment) {
        record Poll(String id, Instant last, Duration interval) {
        }
        Optional<Poll> previous = jdbc.sql("SELECT id, device_code_issued_at, device_polled_at, device_poll_interval"
                        + " FROM token_authorization WHERE device_code_hash = ?")
                .param(rows.digestOf(deviceCode))
                .query((rs, row) -> {
                    Timestamp polledAt = rs.getTimestamp("device_polled_at");
                    Timestamp issuedAt = rs.getTimestamp("device_code_issued_at");
                    int seconds = rs.getInt("device_poll_interval");
                    Duration interval = rs.wasNull() ? initialInterval : Duration.ofSeconds(seconds);
                    return new Poll(rs.getString("id"), (polledAt != null ? polledAt : issuedAt).toInstant(),
                            interval);
                })
                .optional();
        if (previous.isEmpty()) {
            return false;
        }
        Poll poll = previous.get();
        boolean tooEarly = now.isBefore(poll.last().plus(poll.interval()));
        Duration interval = tooEarly ? poll.interval().plus(increment) : poll.interval();
        jdbc.sql("UPDATE token_authorization SET device_polled_at = ?, device_poll_interval = ? WHERE id = ?")
                .params(Timestamp.from(now), interval.toSeconds(), poll.id())
                .update();
        return tooEarly;
    }

    private void insert(Map<String, Object> row, OAuth2Authorization authorization) {
        boolean userAuthorizesInBrowser = AuthorizationGrantType.AUTHORIZATION_CODE
                .equals(authorization.getAuthorizationGrantType());
        String parent = AuthorizationGrantType.TOKEN_EXCHANGE.equals(authorization.getAuthorizationGrantType())
                ? derivingFrom.get() : null;
        // the first grant of a chain of exchanges, so that one revocation reaches every link
        String family = parent == null ? null : jdbc.sql("SELECT COALESCE(derived_from, id) FROM token_authorization"
                + " WHERE id = ?").param(parent).query(String.class).optional().orElse(parent);
        jdbc.sql(INSERT).params(row)
                .param("session_hash", userAuthorizesInBrowser ? browserSession.digest().orElse(null) : null)
                .param("derived_from", family)
                .update();
        if (family != null && familyRevoked(parent)) {
            // revoked between the subject token's check and this insert, which its revocation could not see
            revokeAll(authorization.getId(), RevocationCause.REVOCATION);
            throw new AuthorizationChangedConcurrently(parent);
        }
    }

    private boolean familyRevoked(String parent) {
        return jdbc.sql("SELECT access_token_invalidated FROM token_authorization WHERE id = ?").param(parent)
                .query(Boolean.class).optional().map(Boolean.TRUE::equals).orElse(true);
    }

    // Spring Authorization Server saves a client_credentials authorization again only to invalidate its token.
    private static boolean isNewClientCredentialsGrant(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2AccessToken> accessToken = authorization.getAccessToken();
        return AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())
                && accessToken != null && !accessToken.isInvalidated();
    }

    private static AuthorizationRows.Row row(ResultSet rs) {
        return new AuthorizationRows.Row() {

            @Override
            public String text(String column) throws SQLException {
                return rs.getString(column);
            }

            @Override
            public Instant instant(String column) throws SQLException {
                Timestamp value = rs.getTimestamp(column);
                return value == null ? null : value.toInstant();
            }

            @Override
            public boolean flag(String column) throws SQLException {
                return rs.getBoolean(column);
            }

            @Override
            public long number(String column) throws SQLException {
                return rs.getLong(column);
            }
        };
    }
}
