package dev.tollgate.auth.token;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;

import dev.tollgate.auth.audit.AuditEvent;
import dev.tollgate.auth.audit.AuditEventType;
import dev.tollgate.auth.audit.AuditLog;

/**
 * CONTRACT: a code presented a second time answers {@code invalid_grant} and revokes every token issued from it
 * (RFC 9700 §4.5: it was intercepted, and whoever exchanged it first may be the attacker). Spring Authorization
 * Server leaves the ID token and the session's other tokens of the authorization alone; this revokes them all.
 */
public final class AuthorizationCodeReplayDetection implements AuthenticationProvider {

    private static final OAuth2TokenType CODE = new OAuth2TokenType("code");

    private final AuthenticationProvider delegate;

    private final HashedAuthorizationService authorizations;

    private final AuditLog audit;

    public AuthorizationCodeReplayDetection(AuthenticationProvider delegate, HashedAuthorizationService authorizations,
            AuditLog audit) {
        this.delegate = delegate;
        this.authorizations = authorizations;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String code = ((OAuth2AuthorizationCodeAuthenticationToken) authentication).getCode();
        OAuth2Authorization authorization = authorizations.findByToken(code, CODE);
        if (authorization != null && authorization.getToken(OAuth2AuthorizationCode.class).isInvalidated()) {
            authorizations.revokeAll(authorization.getId());
            audit.record(AuditEvent.of(AuditEventType.AUTHORIZATION_CODE_REPLAYED)
                    .with("client_id", TokenRequests.clientIdOf(authentication))
                    .with("authorization_id", authorization.getId()));
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
        }
        return delegate.authenticate(authentication);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }
}
