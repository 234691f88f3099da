package dev.tollgate.auth.revocation;

import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2TokenRevocationEndpointConfigurer;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.authorization.RotatedRefreshTokens;
import dev.tollgate.auth.authorization.RevokedGrants;
import dev.tollgate.auth.authorization.TokenFamilies;

/** The revocation endpoint ({@code /oauth2/revoke}, RFC 7009): safe against concurrent token requests, audited. */
@Component
public class RevocationEndpoint {

    private final TokenFamilies authorizations;

    private final RotatedRefreshTokens rotatedRefreshTokens;

    private final AuditLog audit;

    private final RevokedGrants revokedGrants;

    public RevocationEndpoint(TokenFamilies authorizations, RotatedRefreshTokens rotatedRefreshTokens,
            AuditLog audit, RevokedGrants revokedGrants) {
        this.authorizations = authorizations;
        this.rotatedRefreshTokens = rotatedRefreshTokens;
        this.audit = audit;
        this.revokedGrants = revokedGrants;
    }

    /** For {@code tokenRevocationEndpoint(...)}. */
    public void customize(OAuth2TokenRevocationEndpointConfigurer revoke) {
        revoke.authenticationProviders(providers -> providers.replaceAll(provider -> new RevocationAudit(
                new RaceSafeRevocation(provider, authorizations, rotatedRefreshTokens, revokedGrants), authorizations,
                audit)));
    }
}
