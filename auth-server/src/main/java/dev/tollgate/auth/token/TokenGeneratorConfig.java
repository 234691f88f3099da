package dev.tollgate.auth.token;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimsContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

import dev.tollgate.auth.refresh.RotatingRefreshTokenGenerator;

/**
 * Every token Tollgate issues: JWTs (access and ID tokens) signed with the active key, opaque access tokens, and
 * refresh tokens for public clients too. All on the same clock.
 */
@Configuration(proxyBeanMethods = false)
class TokenGeneratorConfig {

    @Bean
    OAuth2TokenGenerator<?> tokenGenerator(JwtEncoder jwtEncoder, OAuth2TokenCustomizer<JwtEncodingContext> jwtCustomizer,
            OAuth2TokenCustomizer<OAuth2TokenClaimsContext> opaqueAccessTokenCustomizer,
            TokenPolicy tokenPolicy, TokenIssuanceAudit issuanceAudit, Clock clock) {
        JwtGenerator jwts = new JwtGenerator(jwtEncoder);
        jwts.setJwtCustomizer(jwtCustomizer);
        jwts.setClock(clock);
        OAuth2AccessTokenGenerator opaqueAccessTokens = new OAuth2AccessTokenGenerator();
        opaqueAccessTokens.setAccessTokenCustomizer(opaqueAccessTokenCustomizer);
        opaqueAccessTokens.setClock(clock);
        return issuanceAudit.noting(new DelegatingOAuth2TokenGenerator(jwts, opaqueAccessTokens,
                new RotatingRefreshTokenGenerator(tokenPolicy::refreshTokenAbsoluteLifetime, clock)));
    }
}
