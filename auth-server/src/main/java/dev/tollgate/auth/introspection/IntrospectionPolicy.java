package dev.tollgate.auth.introspection;

import java.util.Map;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;

import dev.tollgate.auth.client.TollgateClientSettings;
import dev.tollgate.auth.token.AccessTokenClaims;
import dev.tollgate.auth.user.TokenSubjects;

/**
 * Introspection (RFC 7662) only for clients marked {@link TollgateClientSettings#INTROSPECTION_ALLOWED} (resource
 * servers); any other client gets {@code unauthorized_client}. Answers of Spring Authorization Server's provider
 * gain {@code username} for user tokens, which it leaves out: the token's {@code preferred_username}, or, for a
 * token without scope {@code profile}, the username of its subject (the resource server is trusted with it).
 */
public final class IntrospectionPolicy implements AuthenticationProvider {

    private final AuthenticationProvider delegate;

    private final TokenSubjects subjects;

    public IntrospectionPolicy(AuthenticationProvider delegate, TokenSubjects subjects) {
        this.delegate = delegate;
        this.subjects = subjects;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        OAuth2TokenIntrospectionAuthenticationToken request = (OAuth2TokenIntrospectionAuthenticationToken) authentication;
        if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client)
                || client.getRegisteredClient() == null
                || !TollgateClientSettings.mayIntrospect(client.getRegisteredClient())) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
                    "This client may not introspect tokens.", null));
        }
        OAuth2TokenIntrospectionAuthenticationToken result =
                (OAuth2TokenIntrospectionAuthenticationToken) delegate.authenticate(request);
        if (result == null || !result.getTokenClaims().isActive()) {
            return result;
        }
        return new OAuth2TokenIntrospectionAuthenticationToken(result.getToken(), client,
                withUsername(result.getTokenClaims()));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    private OAuth2TokenIntrospection withUsername(OAuth2TokenIntrospection claims) {
        Map<String, Object> values = claims.getClaims();
        if (values.containsKey(OAuth2TokenIntrospectionClaimNames.USERNAME)
                || !values.containsKey(AccessTokenClaims.ROLES)) {
            return claims;
        }
        Object preferredUsername = values.get(StandardClaimNames.PREFERRED_USERNAME);
        return (preferredUsername != null ? Optional.of(preferredUsername.toString())
                : Optional.ofNullable(claims.getSubject()).flatMap(subjects::usernameOf))
                .map(username -> OAuth2TokenIntrospection.withClaims(values).username(username).build())
                .orElse(claims);
    }
}
