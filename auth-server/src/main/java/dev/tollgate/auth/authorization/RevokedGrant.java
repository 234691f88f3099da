package dev.tollgate.auth.authorization;

import java.util.List;

/**
 * A grant whose tokens were just revoked.
 *
 * @param id the authorization's id, which its JWT access tokens carry as {@code grant_id}
 * @param registeredClientId the client's registration id (not its client id)
 * @param principalName the user's id, or the client id for a client_credentials grant
 * @param clientCredentials whether the grant was made without a user
 * @param accessTokenIds the {@code jti}s of the grant's access tokens still known (the latest one)
 * @param ended whether the grant can issue no token any more; false when only these access tokens were revoked
 *        (RFC 7009 for an access token) and its refresh token still gets new ones
 */
public record RevokedGrant(String id, String registeredClientId, String principalName, boolean clientCredentials,
        List<String> accessTokenIds, boolean ended) {
}
