package dev.tollgate.auth.token;

import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;

/**
 * CONTRACT: presenting a refresh token that rotation already replaced revokes the whole family (every token of
 * that authorization) and answers {@code invalid_grant}: either the client or an attacker holds a stolen copy,
 * and the server cannot tell which. Spring Authorization Server only answers {@code invalid_grant}.
 */
public final class RefreshTokenReuseDetection implements AuthenticationProvider {

    private static final Log log = LogFactory.getLog(RefreshTokenReuseDetection.class);

    private final AuthenticationProvider delegate;

    private final OAuth2AuthorizationService authorizations;

    private final RotatedRefreshTokens rotated;

    public RefreshTokenReuseDetection(AuthenticationProvider delegate, OAuth2AuthorizationService authorizations,
            RotatedRefreshTokens rotated) {
        this.delegate = delegate;
        this.authorizations = authorizations;
        this.rotated = rotated;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String presented = ((OAuth2RefreshTokenAuthenticationToken) authentication).getRefreshToken();
        Optional<String> family = rotated.authorizationOf(presented);
        if (family.isPresent()) {
            revokeFamily(family.get());
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
        }
        OAuth2Authorization authorization = authorizations.findByToken(presented, OAuth2TokenType.REFRESH_TOKEN);
        Authentication result = delegate.authenticate(authentication);
        if (authorization != null && result instanceof OAuth2AccessTokenAuthenticationToken issued
                && issued.getRefreshToken() != null
                && !presented.equals(issued.getRefreshToken().getTokenValue())) {
            rotated.remember(presented, authorization.getId());
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    private void revokeFamily(String authorizationId) {
        OAuth2Authorization authorization = authorizations.findById(authorizationId);
        if (authorization == null || authorization.getRefreshToken() == null) {
            return;
        }
        authorizations.save(OAuth2Authorization.from(authorization)
                .invalidate(authorization.getRefreshToken().getToken())
                .build());
        log.warn("A rotated-out refresh token was presented again; revoked authorization " + authorizationId);
    }
}
