package dev.tollgate.auth.revocation;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.audit.TokenRequests;

/**
 * Records each successful revocation (RFC 7009). Spring Authorization Server's provider does the work: an unknown
 * token answers 200 without effect, and revoking a refresh token also invalidates the access token issued with it.
 */
public final class RevocationAudit implements AuthenticationProvider {

    private final AuthenticationProvider delegate;

    private final AuditLog audit;

    public RevocationAudit(AuthenticationProvider delegate, AuditLog audit) {
        this.delegate = delegate;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Authentication result = delegate.authenticate(authentication);
        if (result != null && result.isAuthenticated()) {
            audit.record(SecurityEvent.of(SecurityEventType.TOKEN_REVOKED)
                    .with(SecurityEvent.CLIENT, TokenRequests.clientIdOf(result))
                    .with("token_type_hint", ((OAuth2TokenRevocationAuthenticationToken) authentication)
                            .getTokenTypeHint()));
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }
}
