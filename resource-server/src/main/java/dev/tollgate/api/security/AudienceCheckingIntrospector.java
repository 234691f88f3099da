package dev.tollgate.api.security;

import java.util.List;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * An opaque token is only as good as its introspection answer: active (checked by the delegate), issued by
 * our issuer when it says so, and meant for this API, exactly as a JWT must be.
 */
final class AudienceCheckingIntrospector implements OpaqueTokenIntrospector {

    private final OpaqueTokenIntrospector delegate;
    private final String issuer;
    private final String audience;

    AudienceCheckingIntrospector(OpaqueTokenIntrospector delegate, String issuer, String audience) {
        this.delegate = delegate;
        this.issuer = issuer;
        this.audience = audience;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        OAuth2AuthenticatedPrincipal principal = delegate.introspect(token);
        Object iss = principal.getAttribute(OAuth2TokenIntrospectionClaimNames.ISS);
        if (iss != null && !issuer.equals(iss.toString())) {
            throw new BadOpaqueTokenException("The token was issued by another issuer");
        }
        List<String> aud = principal.getAttribute(OAuth2TokenIntrospectionClaimNames.AUD);
        if (aud == null || !aud.contains(audience)) {
            throw new BadOpaqueTokenException("The token is not meant for this API (aud)");
        }
        return principal;
    }
}
