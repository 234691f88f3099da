package dev.tollgate.auth.authorization;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The tokens of one authorization form a family: its code, access, refresh and ID tokens, and every refresh token
 * rotation produced. A replayed code, a reused refresh token, a revocation that raced a refresh, or a sign-out ends
 * whole families at once. A grant exchanged from a user's token (RFC 8693) belongs to the family of that token's
 * authorization ({@link #deriving}).
 */
public interface TokenFamilies {

    /** Authorization attribute: when the family's first refresh token was issued, the start of its absolute lifetime. */
    String FAMILY_ISSUED_AT = "tollgate.refresh_family_issued_at";

    /** The authorization holding {@code token}, or null. */
    OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType);

    /** The authorization with this id, or null. */
    OAuth2Authorization findById(String id);

    /**
     * Invalidates every token of the authorization; true if it existed. A request that read the authorization before
     * cannot write its copy back over this. Every {@code revokeAll...} tells {@link RevokedGrants} of the grants it
     * ended that still had a usable token, with the cause.
     */
    boolean revokeAll(String authorizationId, RevocationCause cause);

    /** Invalidates, as {@link #revokeAll} does, every family granted in a browser session (by its digest). */
    int revokeAllOfSession(String sessionDigest, RevocationCause cause);

    /**
     * Invalidates, as {@link #revokeAll} does, every family of one client (by its registration's id, not its client
     * id), when the client is removed. Its JWT access tokens of the client_credentials grant are not stored: they
     * stop being accepted because their client is gone.
     */
    int revokeAllOfClient(String registeredClientId);

    /**
     * Invalidates, as {@link #revokeAll} does, every family granted by the user with this principal name (a user's
     * id), through any client; client_credentials grants, whose principal is a client, are never touched.
     */
    int revokeAllOfUser(String principalName, RevocationCause cause);

    /** Invalidates, as {@link #revokeAllOfUser} does, the user's families granted to one client (by its registration id). */
    int revokeAllOfUserAndClient(String principalName, String registeredClientId);

    /**
     * Runs a token exchange (RFC 8693) whose new authorization derives from the authorization with this id, the
     * subject token's: saved in it, the new authorization joins that family, so {@link #revokeAll} and every
     * {@code revokeAllOf...} of that family revoke it too. If the family is revoked while the new authorization is saved, the new one is revoked at once and
     * {@link AuthorizationChangedConcurrently} thrown.
     */
    <T> T deriving(String authorizationId, Supplier<T> exchange);

    /**
     * Invalidates, as {@link #revokeAllOfUser} does, every family of the user except those granted in one browser
     * session (by its digest): what a password change leaves the person who made it.
     */
    int revokeAllOfUserExceptSession(String principalName, String keptSessionDigest);

    /**
     * When each client last got an access token for the user (by the client's registration id): the newest token of
     * the grants still stored, revoked ones included.
     */
    Map<String, Instant> lastAccessTokenByClient(String principalName);

    /** The registration ids of the clients that got an access token through a browser session (by its digest). */
    Set<String> clientsOfSession(String sessionDigest);
}
