package dev.tollgate.api.security;

import java.time.Clock;
import java.time.Duration;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Accepts both kinds of access token Tollgate issues: a JWT (three dot-separated parts) is validated
 * locally, anything else is an opaque reference token and is introspected. Both end with the same
 * authorities and the same {@link Caller}.
 */
final class BearerTokenAuthenticationManager implements AuthenticationManager {

    private final AuthenticationManager jwts;
    private final AuthenticationManager opaqueTokens;

    BearerTokenAuthenticationManager(JwtDecoder jwtDecoder, OpaqueTokenIntrospector introspector,
            Duration verifiedJwtCacheTtl, Clock clock) {
        JwtAuthenticationProvider jwtProvider = new JwtAuthenticationProvider(jwtDecoder);
        JwtAuthenticationConverter jwtConverter = new JwtAuthenticationConverter();
        jwtConverter.setJwtGrantedAuthoritiesConverter(new TokenAuthoritiesConverter());
        jwtProvider.setJwtAuthenticationConverter(jwtConverter);
        this.jwts = new VerifiedJwtCache(new ProviderManager(jwtProvider), verifiedJwtCacheTtl, clock);

        OpaqueTokenAuthenticationProvider opaqueProvider = new OpaqueTokenAuthenticationProvider(introspector);
        opaqueProvider.setAuthenticationConverter(BearerTokenAuthenticationManager::authenticationOf);
        this.opaqueTokens = new ProviderManager(opaqueProvider);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        return looksLikeJwt(token) ? jwts.authenticate(authentication) : opaqueTokens.authenticate(authentication);
    }

    private static boolean looksLikeJwt(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        return second >= 0 && token.indexOf('.', second + 1) < 0;
    }

    private static Authentication authenticationOf(String token, OAuth2AuthenticatedPrincipal principal) {
        OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token,
                principal.getAttribute(OAuth2TokenIntrospectionClaimNames.IAT),
                principal.getAttribute(OAuth2TokenIntrospectionClaimNames.EXP));
        return new BearerTokenAuthentication(principal, accessToken,
                TokenAuthoritiesConverter.authoritiesOf(Caller.fromClaims(principal.getAttributes())));
    }
}
