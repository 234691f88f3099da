package dev.tollgate.auth.revocation;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.audit.TokenRequests;
import dev.tollgate.auth.authorization.TokenFamilies;

/**
 * Records each successful revocation (RFC 7009) with the grant it ended and its user. Spring Authorization Server's
 * provider does the work: an unknown token answers 200 without effect, and revoking a refresh token also invalidates
 * the access token issued with it. The revoked grant stays stored until the cleanup, so it is still found here.
 */
public final class RevocationAudit implements AuthenticationProvider {

    private final AuthenticationProvider delegate;

    private final TokenFamilies authorizations;

    private final AuditLog audit;

    public RevocationAudit(AuthenticationProvider delegate, TokenFamilies authorizations, AuditLog audit) {
        this.delegate = delegate;
        this.authorizations = authorizations;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Authentication result = delegate.authenticate(authentication);
        if (result != null && result.isAuthenticated()) {
            OAuth2TokenRevocationAuthenticationToken request = (OAuth2TokenRevocationAuthenticationToken) authentication;
            OAuth2Authorization revoked = authorizations.findByToken(request.getToken(), null);
            audit.record(SecurityEvent.of(SecurityEventType.TOKEN_REVOKED)
                    .with(SecurityEvent.CLIENT, TokenRequests.clientIdOf(result))
                    .with(SecurityEvent.USER, userOf(revoked))
                    .with("authorization_id", revoked == null ? null : revoked.getId())
                    .with("token_type_hint", request.getTokenTypeHint()));
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    private static String userOf(OAuth2Authorization authorization) {
        return authorization == null
                || AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())
                ? null : authorization.getPrincipalName();
    }
}
