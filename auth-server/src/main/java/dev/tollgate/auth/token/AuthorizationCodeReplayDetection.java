package dev.tollgate.auth.token;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.audit.TokenRequests;
import dev.tollgate.auth.authorization.AuthorizationChangedConcurrently;
import dev.tollgate.auth.authorization.RevocationCause;
import dev.tollgate.auth.authorization.TokenFamilies;

/**
 * A code presented a second time answers {@code invalid_grant} and revokes every token issued from it
 * (RFC 9700 §4.5: it was intercepted, and whoever exchanged it first may be the attacker). Spring Authorization
 * Server leaves the ID token and the session's other tokens of the authorization alone; this revokes them all.
 * <p>
 * Parallel requests with one code all read it unused, but only one of them can write the authorization back (the
 * store's compare-and-set); the others find their write refused, see the code redeemed, and are replays too. So
 * exactly one succeeds, and its tokens are revoked as soon as a replay shows the code was seen twice.
 */
public final class AuthorizationCodeReplayDetection implements AuthenticationProvider {

    private static final OAuth2TokenType CODE = new OAuth2TokenType("code");

    private final AuthenticationProvider delegate;

    private final TokenFamilies authorizations;

    private final AuditLog audit;

    public AuthorizationCodeReplayDetection(AuthenticationProvider delegate, TokenFamilies authorizations,
            AuditLog audit) {
        this.delegate = delegate;
        this.authorizations = authorizations;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        try {
            return delegate.authenticate(authentication);
        }
        catch (OAuth2AuthenticationException refused) {
            if (!OAuth2ErrorCodes.INVALID_GRANT.equals(refused.getError().getErrorCode())) {
                throw refused;
            }
            String code = ((OAuth2AuthorizationCodeAuthenticationToken) authentication).getCode();
            OAuth2Authorization authorization = authorizations.findByToken(code, CODE);
            if (authorization != null && wasRedeemed(authorization)) {
                authorizations.revokeAll(authorization.getId(), RevocationCause.CODE_REPLAY);
                audit.record(SecurityEvent.of(SecurityEventType.AUTHORIZATION_CODE_REPLAYED)
                        .with(SecurityEvent.CLIENT, TokenRequests.clientIdOf(authentication))
                        .with(SecurityEvent.USER, authorization.getPrincipalName())
                        .with("authorization_id", authorization.getId()));
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
            }
            if (refused instanceof AuthorizationChangedConcurrently) {
                // revoked (signed out) while this request redeemed the code: nothing was issued, nothing to undo
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
            }
            throw refused;
        }
    }

    /** The code was exchanged for tokens: it is used up and tokens were issued from it. */
    private static boolean wasRedeemed(OAuth2Authorization authorization) {
        return authorization.getToken(OAuth2AuthorizationCode.class).isInvalidated()
                && authorization.getAccessToken() != null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }
}
