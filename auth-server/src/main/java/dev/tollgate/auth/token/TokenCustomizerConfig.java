package dev.tollgate.auth.token;

import java.util.Date;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimsContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import dev.tollgate.auth.authorization.StatelessClientTokens;
import dev.tollgate.auth.keys.SigningKeys;
import dev.tollgate.auth.mfa.AuthenticationMethods;
import dev.tollgate.auth.session.SignIns;
import dev.tollgate.auth.user.TokenSubjects;
import dev.tollgate.auth.userinfo.IdentityClaims;

/** Spring Authorization Server picks these two beans up for JWT and for opaque (reference) tokens. */
@Configuration(proxyBeanMethods = false)
class TokenCustomizerConfig {

    /** OpenID Connect Front- and Back-Channel Logout: the session the ID token was issued in. */
    static final String SID = "sid";

    /**
     * The authorization a JWT access token was issued in, the same through every refresh: a Shared Signals
     * {@code grant-revoked} event names it (README "Shared Signals").
     */
    static final String GRANT_ID = "grant_id";

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> jwtCustomizer(AccessTokenClaims accessTokenClaims,
            TokenSubjects subjects, SigningKeys signingKeys) {
        return context -> {
            // Spring Authorization Server asks for RS256; the active key decides (tollgate.keys.algorithm)
            context.getJwsHeader().algorithm(SignatureAlgorithm.from(signingKeys.activeAlgorithm().getName()));
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getJwsHeader().type(StatelessClientTokens.ACCESS_TOKEN_JWT_TYPE);
                context.getClaims().claims(claims -> accessTokenClaims.addTo(context, claims));
                // both are at hand in the context: no query on the token path
                if (context.getAuthorization() != null) {
                    context.getClaims().claim(GRANT_ID, context.getAuthorization().getId());
                }
                SignIns.sidOf(context.getPrincipal()).ifPresent(sid -> context.getClaims().claim(SID, sid));
            }
            else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                subjects.userOf(context.getPrincipal()).ifPresent(user -> context.getClaims()
                        .claims(claims -> claims.putAll(IdentityClaims.of(user, context.getAuthorizedScopes()))));
                // the sign-in this grant came from, also when refreshed: its principal is the one recorded then
                SignIns.authTimeOf(context.getPrincipal())
                        .ifPresent(authTime -> context.getClaims().claim(IdTokenClaimNames.AUTH_TIME, Date.from(authTime)));
                SignIns.sidOf(context.getPrincipal()).ifPresent(sid -> context.getClaims().claim(SID, sid));
                List<String> methods = AuthenticationMethods.amr(context.getPrincipal());
                if (!methods.isEmpty()) {
                    context.getClaims().claim(IdTokenClaimNames.AMR, methods);
                }
                context.getClaims().claim(IdTokenClaimNames.ACR, AuthenticationMethods.acr(context.getPrincipal()));
            }
        };
    }

    @Bean
    OAuth2TokenCustomizer<OAuth2TokenClaimsContext> opaqueAccessTokenCustomizer(AccessTokenClaims accessTokenClaims) {
        return context -> context.getClaims().claims(claims -> accessTokenClaims.addTo(context, claims));
    }
}
