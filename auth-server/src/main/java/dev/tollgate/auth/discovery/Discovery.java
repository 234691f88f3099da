package dev.tollgate.auth.discovery;

import java.util.List;

import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerMetadataEndpointConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OidcProviderConfigurationEndpointConfigurer;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.authorize.IssuerInAuthorizationResponse;
import dev.tollgate.auth.consent.ScopeDescriptions;
import dev.tollgate.auth.keys.KeyProperties;
import dev.tollgate.auth.mfa.AuthenticationMethods;
import dev.tollgate.auth.userinfo.IdentityClaims;

/**
 * The metadata documents: {@code /.well-known/oauth-authorization-server} (RFC 8414) and
 * {@code /.well-known/openid-configuration}, saying what Tollgate does where Spring Authorization Server's defaults
 * would say otherwise.
 */
@Component
public class Discovery {

    // RFC 9126 section 5; the authorization server metadata gets the endpoint from Spring Authorization Server
    private static final String PUSHED_AUTHORIZATION_REQUEST_ENDPOINT = "pushed_authorization_request_endpoint";

    // only some clients must push (RFC 9126 section 6), so not the whole server
    private static final String REQUIRE_PUSHED_AUTHORIZATION_REQUESTS = "require_pushed_authorization_requests";

    private final AuthorizationServerSettings endpoints;

    private final KeyProperties keys;

    public Discovery(AuthorizationServerSettings endpoints, KeyProperties keys) {
        this.endpoints = endpoints;
        this.keys = keys;
    }

    /** For {@code authorizationServerMetadataEndpoint(...)}. */
    public void customize(OAuth2AuthorizationServerMetadataEndpointConfigurer metadata) {
        // one registration endpoint in both documents; /oauth2/register stays as an alias
        metadata.authorizationServerMetadataCustomizer(builder -> builder
                .claim(IssuerInAuthorizationResponse.METADATA_NAME, true)
                .claim(REQUIRE_PUSHED_AUTHORIZATION_REQUESTS, false)
                .scopes(Discovery::replaceWithKnownScopes)
                .clientRegistrationEndpoint(AuthorizationServerContextHolder.getContext().getIssuer()
                        + endpoints.getOidcClientRegistrationEndpoint()));
    }

    /** For {@code oidc(oidc -> oidc.providerConfigurationEndpoint(...))}. */
    public void customize(OidcProviderConfigurationEndpointConfigurer configuration) {
        configuration.providerConfigurationCustomizer(builder -> builder
                .claim(IssuerInAuthorizationResponse.METADATA_NAME, true)
                .claim(PUSHED_AUTHORIZATION_REQUEST_ENDPOINT, AuthorizationServerContextHolder.getContext().getIssuer()
                        + endpoints.getPushedAuthorizationRequestEndpoint())
                .claim(REQUIRE_PUSHED_AUTHORIZATION_REQUESTS, false)
                .scopes(Discovery::replaceWithKnownScopes)
                .claim("claims_supported", IdentityClaims.SUPPORTED)
                .claim("acr_values_supported", AuthenticationMethods.SUPPORTED)
                .claim("request_parameter_supported", false)
                // OpenID Connect Back-Channel Logout 1.0 §2.1: logout tokens carry sid
                .claim("backchannel_logout_supported", true)
                .claim("backchannel_logout_session_supported", true)
                .claim("request_uri_parameter_supported", false)
                .idTokenSigningAlgorithms(algorithms -> algorithms.replaceAll(any -> keys.algorithm().name())));
    }

    /** RFC 8414 §2 {@code scopes_supported}: every scope a client may register, sorted. */
    private static void replaceWithKnownScopes(List<String> scopes) {
        scopes.clear();
        scopes.addAll(ScopeDescriptions.known().stream().sorted().toList());
    }
}
