package dev.tollgate.auth.registration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The authorization service as Spring Authorization Server's registration providers expect it: they read an access
 * token's {@code scope} claim as a collection, while Tollgate's tokens carry it as one space-delimited string (RFC 9068
 * §2.2.3, README "Endpoints"). Found authorizations show the claim as a list; saved ones get the string back.
 */
final class ScopeClaimAsList implements OAuth2AuthorizationService {

    private final OAuth2AuthorizationService authorizations;

    ScopeClaimAsList(OAuth2AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        authorizations.save(withScopeClaim(authorization, ScopeClaimAsList::asString));
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        authorizations.remove(authorization);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return withScopeClaim(authorizations.findById(id), ScopeClaimAsList::asList);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return withScopeClaim(authorizations.findByToken(token, tokenType), ScopeClaimAsList::asList);
    }

    private static OAuth2Authorization withScopeClaim(OAuth2Authorization authorization, UnaryOperator<Object> form) {
        OAuth2Authorization.Token<OAuth2AccessToken> accessToken =
                authorization == null ? null : authorization.getAccessToken();
        if (accessToken == null || accessToken.getClaims() == null
                || !accessToken.getClaims().containsKey(OAuth2ParameterNames.SCOPE)) {
            return authorization;
        }
        Map<String, Object> claims = new HashMap<>(accessToken.getClaims());
        claims.put(OAuth2ParameterNames.SCOPE, form.apply(claims.get(OAuth2ParameterNames.SCOPE)));
        return OAuth2Authorization.from(authorization)
                .token(accessToken.getToken(), metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME,
                        claims))
                .build();
    }

    private static Object asList(Object scope) {
        return scope instanceof String scopes ? new ArrayList<>(Arrays.asList(scopes.split(" "))) : scope;
    }

    private static Object asString(Object scope) {
        return scope instanceof Collection<?> scopes
                ? scopes.stream().map(String::valueOf).collect(Collectors.joining(" ")) : scope;
    }
}
