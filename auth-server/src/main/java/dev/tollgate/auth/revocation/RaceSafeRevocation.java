package dev.tollgate.auth.revocation;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;

import dev.tollgate.auth.authorization.AuthorizationChangedConcurrently;
import dev.tollgate.auth.authorization.RotatedRefreshTokens;
import dev.tollgate.auth.authorization.RevocationCause;
import dev.tollgate.auth.authorization.RevokedGrant;
import dev.tollgate.auth.authorization.RevokedGrants;
import dev.tollgate.auth.authorization.TokenFamilies;

/**
 * RFC 7009 revocation that no concurrent token request undoes. Spring Authorization Server's provider invalidates
 * the token in the copy of the grant it read; when the grant changed before that copy was written (a refresh rotated
 * it, a sign-out revoked it), the store refuses the write and the revocation starts again from a fresh read.
 * <p>
 * A refresh token that rotation already replaced still names its grant: the client asked to end it, perhaps while a
 * refresh with that very token was under way, so the whole family is revoked, as presenting that token at the token
 * endpoint would. The answer stays 200 in every case (RFC 7009 §2.2).
 */
public final class RaceSafeRevocation implements AuthenticationProvider {

    private static final int ATTEMPTS = 3;

    private final AuthenticationProvider delegate;

    private final TokenFamilies authorizations;

    private final RotatedRefreshTokens rotated;

    private final RevokedGrants revokedGrants;

    public RaceSafeRevocation(AuthenticationProvider delegate, TokenFamilies authorizations,
            RotatedRefreshTokens rotated, RevokedGrants revokedGrants) {
        this.delegate = delegate;
        this.authorizations = authorizations;
        this.rotated = rotated;
        this.revokedGrants = revokedGrants;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        OAuth2TokenRevocationAuthenticationToken request = (OAuth2TokenRevocationAuthenticationToken) authentication;
        for (int attempt = 1; ; attempt++) {
            try {
                return revoke(request);
            }
            catch (AuthorizationChangedConcurrently raced) {
                if (attempt == ATTEMPTS) {
                    // still changing under every attempt: end the grant rather than let the revocation be lost
                    authorizations.revokeAll(raced.authorizationId(), RevocationCause.REVOCATION);
                    return familyRevoked(request);
                }
            }
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    private Authentication revoke(OAuth2TokenRevocationAuthenticationToken request) {
        Authentication result = delegate.authenticate(request);
        if (result.isAuthenticated()) {
            announce(request.getToken());
            return result;
        }
        return rotated.authorizationOf(request.getToken())
                .filter(authorizationId -> isOwnedByRequester(authorizationId, request))
                .map(authorizationId -> {
                    authorizations.revokeAll(authorizationId, RevocationCause.REVOCATION);
                    return familyRevoked(request);
                })
                .orElse(result);
    }

    /**
     * Spring Authorization Server's provider revoked the token itself, not through {@link TokenFamilies}: a refresh
     * token with the access token issued with it (the grant ended), or an access token alone (its refresh token, if
     * any, still works: resource servers must refuse that token, not the grant's next ones).
     */
    private void announce(String token) {
        OAuth2Authorization revoked = authorizations.findByToken(token, null);
        if (revoked == null) {
            return;
        }
        OAuth2Authorization.Token<OAuth2AccessToken> accessToken = revoked.getAccessToken();
        List<String> accessTokenIds = accessToken == null || accessToken.getClaims() == null
                || accessToken.getClaims().get(JwtClaimNames.JTI) == null
                ? List.of() : List.of(accessToken.getClaims().get(JwtClaimNames.JTI).toString());
        revokedGrants.revoked(List.of(new RevokedGrant(revoked.getId(), revoked.getRegisteredClientId(),
                revoked.getPrincipalName(),
                AuthorizationGrantType.CLIENT_CREDENTIALS.equals(revoked.getAuthorizationGrantType()),
                accessTokenIds, revoked.getRefreshToken() == null || revoked.getRefreshToken().isInvalidated())),
                RevocationCause.REVOCATION);
    }

    // RFC 7009 §2.1: a client revokes only tokens issued to it
    private boolean isOwnedByRequester(String authorizationId, OAuth2TokenRevocationAuthenticationToken request) {
        OAuth2Authorization authorization = authorizations.findById(authorizationId);
        return authorization != null && request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null
                && client.getRegisteredClient().getId().equals(authorization.getRegisteredClientId());
    }

    // what the audit records: the presented value stood for the grant that was revoked
    private static Authentication familyRevoked(OAuth2TokenRevocationAuthenticationToken request) {
        return new OAuth2TokenRevocationAuthenticationToken(new OAuth2RefreshToken(request.getToken(), null),
                (Authentication) request.getPrincipal());
    }
}
