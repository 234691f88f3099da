package dev.tollgate.auth.introspection;

import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2TokenIntrospectionEndpointConfigurer;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.user.TokenSubjects;

/** The introspection endpoint ({@code /oauth2/introspect}, RFC 7662) on Tollgate's {@link IntrospectionPolicy}. */
@Component
public class IntrospectionEndpoint {

    private final TokenSubjects subjects;

    public IntrospectionEndpoint(TokenSubjects subjects) {
        this.subjects = subjects;
    }

    /** For {@code tokenIntrospectionEndpoint(...)}. */
    public void customize(OAuth2TokenIntrospectionEndpointConfigurer introspect) {
        introspect.authenticationProviders(providers -> providers.replaceAll(provider ->
                provider instanceof OAuth2TokenIntrospectionAuthenticationProvider
                        ? new IntrospectionPolicy(provider, subjects) : provider));
    }
}
