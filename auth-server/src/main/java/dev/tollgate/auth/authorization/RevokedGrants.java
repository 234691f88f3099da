package dev.tollgate.auth.authorization;

import java.util.List;

/**
 * Told, in the transaction that revoked them, of every grant a {@link TokenFamilies} revocation ended (and of tokens
 * revoked at {@code /oauth2/revoke}), so that resource servers hear of it (Shared Signals, README "Shared Signals").
 */
public interface RevokedGrants {

    void revoked(List<RevokedGrant> grants, RevocationCause cause);
}
