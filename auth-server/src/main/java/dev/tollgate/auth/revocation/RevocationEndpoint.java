package dev.tollgate.auth.revocation;

import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2TokenRevocationEndpointConfigurer;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.authorization.RotatedRefreshTokens;
import dev.tollgate.auth.authorization.TokenFamilies;

/** The revocation endpoint ({@code /oauth2/revoke}, RFC 7009): safe against concurrent token requests, audited. */
@Component
public class RevocationEndpoint {

    private final TokenFamilies authorizations;

    private final RotatedRefreshTokens rotatedRefreshTokens;

    private final AuditLog audit;

    public RevocationEndpoint(TokenFamilies authorizations, RotatedRefreshTokens rotatedRefreshTokens,
            AuditLog audit) {
        this.authorizations = authorizations;
        this.rotatedRefreshTokens = rotatedRefreshTokens;
        this.audit = audit;
    }

    /** For {@code tokenRevocationEndpoint(...)}. */
    public void customize(OAuth2TokenRevocationEndpointConfigurer revoke) {
        revoke.authenticationProviders(providers -> providers.replaceAll(provider -> new RevocationAudit(
                new RaceSafeRevocation(provider, authorizations, rotatedRefreshTokens), authorizations, audit)));
    }
}
