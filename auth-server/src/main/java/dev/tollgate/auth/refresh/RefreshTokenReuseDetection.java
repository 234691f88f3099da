package dev.tollgate.auth.refresh;

import java.time.Clock;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.transaction.support.TransactionOperations;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.audit.TokenRequests;
import dev.tollgate.auth.authorization.AuthorizationChangedConcurrently;
import dev.tollgate.auth.authorization.RotatedRefreshTokens;
import dev.tollgate.auth.authorization.RevocationCause;
import dev.tollgate.auth.authorization.TokenFamilies;

/**
 * Reuse detection (RFC 9700 §4.14.2; README "Token lifetimes, rotation and revocation"): presenting a refresh token
 * that rotation already replaced revokes the whole family (every token of that authorization) and answers
 * {@code invalid_grant}: either the client or an attacker holds a stolen copy, and the server cannot tell which. Spring
 * Authorization Server only answers {@code invalid_grant}.
 * <p>
 * The presented token is marked as rotated in the same transaction that issues its successor, so two requests
 * racing with one token cannot both succeed: the second is a reuse, whether it sees the mark or finds the token
 * already replaced. A refresh whose grant changed between its read and its write (signed out, revoked, or revoked
 * as the family of a reused token) writes nothing: the store refuses the stale copy, the transaction rolls back, and
 * the grant is revoked whole. Expiry is checked on Tollgate's clock.
 */
public final class RefreshTokenReuseDetection implements AuthenticationProvider {

    private final AuthenticationProvider delegate;

    private final TokenFamilies authorizations;

    private final RotatedRefreshTokens rotated;

    private final TransactionOperations transactions;

    private final AuditLog audit;

    private final Clock clock;

    public RefreshTokenReuseDetection(AuthenticationProvider delegate, TokenFamilies authorizations,
            RotatedRefreshTokens rotated, TransactionOperations transactions, AuditLog audit, Clock clock) {
        this.delegate = delegate;
        this.authorizations = authorizations;
        this.rotated = rotated;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        OAuth2RefreshTokenAuthenticationToken request = (OAuth2RefreshTokenAuthenticationToken) authentication;
        String presented = request.getRefreshToken();
        OAuth2Authorization authorization = authorizations.findByToken(presented, OAuth2TokenType.REFRESH_TOKEN);
        if (authorization == null) {
            // replaced by rotation, perhaps by a parallel request a moment ago, or never issued
            Optional<String> family = rotated.authorizationOf(presented);
            if (family.isPresent()) {
                throw reuse(family.get(), request);
            }
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
        }
        if (isExpired(authorization.getRefreshToken().getToken())) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
        }
        try {
            return transactions.execute(transaction -> {
                rotated.remember(presented, authorization.getId());
                return delegate.authenticate(alwaysRotating(request));
            });
        }
        catch (DuplicateKeyException usedConcurrently) {
            throw reuse(authorization.getId(), request);
        }
        catch (AuthorizationChangedConcurrently raced) {
            authorizations.revokeAll(raced.authorizationId(), RevocationCause.REFRESH_TOKEN_REUSE);
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    /**
     * The request as if the client's settings said {@code reuse-refresh-tokens: false} (Spring Authorization
     * Server's default is true): rotation is not optional, and a stored token's value could not be handed out again.
     */
    private static OAuth2RefreshTokenAuthenticationToken alwaysRotating(OAuth2RefreshTokenAuthenticationToken request) {
        if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client)
                || client.getRegisteredClient() == null
                || !client.getRegisteredClient().getTokenSettings().isReuseRefreshTokens()) {
            return request;
        }
        RegisteredClient registered = client.getRegisteredClient();
        RegisteredClient rotating = RegisteredClient.from(registered)
                .tokenSettings(TokenSettings.withSettings(registered.getTokenSettings().getSettings())
                        .reuseRefreshTokens(false).build())
                .build();
        OAuth2ClientAuthenticationToken rotatingClient = new OAuth2ClientAuthenticationToken(rotating,
                client.getClientAuthenticationMethod(), client.getCredentials());
        return new OAuth2RefreshTokenAuthenticationToken(request.getRefreshToken(), rotatingClient,
                request.getScopes(), request.getAdditionalParameters());
    }

    private boolean isExpired(OAuth2RefreshToken token) {
        return token.getExpiresAt() != null && !clock.instant().isBefore(token.getExpiresAt());
    }

    private OAuth2AuthenticationException reuse(String authorizationId, OAuth2RefreshTokenAuthenticationToken request) {
        authorizations.revokeAll(authorizationId, RevocationCause.REFRESH_TOKEN_REUSE);
        OAuth2Authorization family = authorizations.findById(authorizationId);
        audit.record(SecurityEvent.of(SecurityEventType.REFRESH_TOKEN_REUSE_DETECTED)
                .with(SecurityEvent.CLIENT, TokenRequests.clientIdOf(request))
                .with(SecurityEvent.USER, family == null ? null : family.getPrincipalName())
                .with("authorization_id", authorizationId));
        return new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
    }
}
