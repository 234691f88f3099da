package dev.tollgate.api.security;

import java.time.Clock;
import java.time.Duration;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Accepts both kinds of access token Tollgate issues: a JWT (three dot-separated parts) is validated
 * locally; anything else must have the {@link OpaqueTokenShape shape of an opaque token}, and is then
 * introspected within the caller's budget. Both end with the same authorities and the same {@link Caller}.
 */
final class BearerTokenAuthenticationManager implements AuthenticationManager {

    /** Stands for a caller whose address is not known; not expected, since the bearer filter records it. */
    private static final String UNKNOWN_ADDRESS = "unknown";

    private final AuthenticationManager jwts;
    private final CachingIntrospector introspector;
    private final AccessTokenDenyList denyList;

    BearerTokenAuthenticationManager(VerifiedJwtCache jwts, CachingIntrospector introspector,
            AccessTokenDenyList denyList) {
        this.jwts = jwts;
        this.introspector = introspector;
        this.denyList = denyList;
    }

    /** Checks JWTs with {@code jwtDecoder} and then the claims; remembers the ones that passed. */
    static VerifiedJwtCache verifiedJwts(JwtDecoder jwtDecoder, Duration verifiedJwtCacheTtl, Clock clock,
            AccessTokenDenyList denyList) {
        JwtAuthenticationProvider jwtProvider = new JwtAuthenticationProvider(jwtDecoder);
        JwtAuthenticationConverter jwtConverter = new JwtAuthenticationConverter();
        jwtConverter.setJwtGrantedAuthoritiesConverter(new TokenAuthoritiesConverter());
        jwtProvider.setJwtAuthenticationConverter(jwtConverter);
        return new VerifiedJwtCache(new ProviderManager(jwtProvider), verifiedJwtCacheTtl, clock, denyList);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        BearerTokenAuthenticationToken bearer = (BearerTokenAuthenticationToken) authentication;
        return looksLikeJwt(bearer.getToken()) ? jwts.authenticate(authentication) : authenticateOpaque(bearer);
    }

    /** As Spring's OpaqueTokenAuthenticationProvider does, with the shape check first and the caller's address. */
    private Authentication authenticateOpaque(BearerTokenAuthenticationToken bearer) {
        String token = bearer.getToken();
        if (!OpaqueTokenShape.couldBeTollgateToken(token)) {
            throw new InvalidBearerTokenException("The access token is neither a JWT nor an opaque token of Tollgate's");
        }
        OAuth2AuthenticatedPrincipal principal;
        try {
            principal = introspector.introspect(token, callerAddressOf(bearer));
        } catch (BadOpaqueTokenException notActive) {
            throw new InvalidBearerTokenException(notActive.getMessage(), notActive);
        } catch (OAuth2IntrospectionException unanswered) {
            throw new AuthenticationServiceException(unanswered.getMessage(), unanswered);
        }
        if (denyList.refusesIntrospected(principal.getAttributes())) {
            throw new InvalidBearerTokenException(VerifiedJwtCache.REVOKED);
        }
        AbstractAuthenticationToken authenticated = authenticationOf(token, principal);
        authenticated.setDetails(bearer.getDetails());
        return authenticated;
    }

    /** The TCP peer, as the bearer token filter recorded it (WebAuthenticationDetails). */
    private static String callerAddressOf(BearerTokenAuthenticationToken bearer) {
        return bearer.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                ? details.getRemoteAddress() : UNKNOWN_ADDRESS;
    }

    private static boolean looksLikeJwt(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        return second >= 0 && token.indexOf('.', second + 1) < 0;
    }

    private static AbstractAuthenticationToken authenticationOf(String token, OAuth2AuthenticatedPrincipal principal) {
        OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token,
                principal.getAttribute(OAuth2TokenIntrospectionClaimNames.IAT),
                principal.getAttribute(OAuth2TokenIntrospectionClaimNames.EXP));
        return new BearerTokenAuthentication(principal, accessToken,
                TokenAuthoritiesConverter.authoritiesOf(Caller.fromClaims(principal.getAttributes())));
    }
}
