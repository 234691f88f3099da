package dev.tollgate.auth.admin;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import dev.tollgate.auth.authorization.TokenFamilies;

/**
 * A signed, unexpired access token is accepted only while its authorization still holds it active, as introspection
 * (RFC 7662) decides: a token revoked at {@code /oauth2/revoke}, by sign-out, by refresh-token reuse or by an
 * administrator ending the user's sessions stops opening the admin plane (and the Shared Signals endpoints) at once,
 * not when it expires.
 */
public final class ActiveAccessTokens implements JwtDecoder {

    private final JwtDecoder signedTokens;

    private final TokenFamilies tokens;

    public ActiveAccessTokens(JwtDecoder signedTokens, TokenFamilies tokens) {
        this.signedTokens = signedTokens;
        this.tokens = tokens;
    }

    @Override
    public Jwt decode(String token) {
        Jwt jwt = signedTokens.decode(token);
        OAuth2Authorization authorization = tokens.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
        OAuth2Authorization.Token<OAuth2AccessToken> accessToken =
                authorization == null ? null : authorization.getAccessToken();
        if (accessToken == null || !accessToken.isActive()) {
            throw new BadJwtException("The access token is not active: it was revoked or its grant has ended");
        }
        return jwt;
    }
}
