package dev.tollgate.auth.registration;

import java.util.List;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.AbstractOAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;

import dev.tollgate.auth.client.TollgateClientSettings;
import dev.tollgate.auth.secret.GeneratedSecret;
import dev.tollgate.auth.token.TokenPolicy;

/**
 * Turns a checked registration request into a client the way Tollgate registers its own: Spring Authorization
 * Server reads the metadata, then this sets exactly the requested grant types, a public client for
 * {@code token_endpoint_auth_method: none}, a {@link GeneratedSecret} otherwise, PKCE and consent, pushed requests
 * only if {@code require_pushed_authorization_requests} (RFC 9126 section 6), {@code openid}
 * when a user-facing client names no scope, and the configured token lifetimes.
 */
final class RegisteredClientDefaults<R extends AbstractOAuth2ClientRegistration>
        implements Converter<R, RegisteredClient> {

    private final Converter<R, RegisteredClient> metadata;

    private final TokenPolicy tokenPolicy;

    private final boolean selfRegistration;

    /** @param selfRegistration whether clients register themselves here, rather than an administrator */
    RegisteredClientDefaults(Converter<R, RegisteredClient> metadata, TokenPolicy tokenPolicy, boolean selfRegistration) {
        this.metadata = metadata;
        this.tokenPolicy = tokenPolicy;
        this.selfRegistration = selfRegistration;
    }

    @Override
    public RegisteredClient convert(R request) {
        RegisteredClient parsed = metadata.convert(request);
        List<String> grantTypes = ClientMetadataRules.grantTypesOf(request);
        boolean userFacing = grantTypes.contains(AuthorizationGrantType.AUTHORIZATION_CODE.getValue());
        RegisteredClient.Builder client = RegisteredClient.from(parsed)
                .authorizationGrantTypes(granted -> {
                    granted.clear();
                    grantTypes.forEach(grantType -> granted.add(new AuthorizationGrantType(grantType)));
                })
                .scopes(scopes -> {
                    if (scopes.isEmpty() && userFacing) {
                        scopes.add(OidcScopes.OPENID);
                    }
                })
                .clientSettings(ClientSettings.withSettings(parsed.getClientSettings().getSettings())
                        .requireProofKey(true)
                        .requireAuthorizationConsent(true)
                        .setting(TollgateClientSettings.REQUIRE_PUSHED_AUTHORIZATION_REQUESTS,
                                Boolean.TRUE.equals(request.getClaim(ClientMetadataRules.REQUIRE_PUSHED_AUTHORIZATION_REQUESTS)))
                        .setting(TollgateClientSettings.DPOP_BOUND_ACCESS_TOKENS,
                                Boolean.TRUE.equals(request.getClaim(ClientMetadataRules.DPOP_BOUND_ACCESS_TOKENS)))
                        .setting(TollgateClientSettings.SELF_REGISTERED, selfRegistration)
                        .setting(TollgateClientSettings.TOKEN_EXCHANGE_IMPERSONATION,
                                Boolean.TRUE.equals(request.getClaim(ClientMetadataRules.TOKEN_EXCHANGE_IMPERSONATION)))
                        .settings(settings -> backChannelLogout(request, settings))
                        .build())
                .tokenSettings(tokenPolicy.tokenSettings(OAuth2TokenFormat.SELF_CONTAINED));
        if (ClientAuthenticationMethod.NONE.getValue().equals(ClientMetadataRules.authenticationMethodOf(request))) {
            client.clientAuthenticationMethods(methods -> {
                methods.clear();
                methods.add(ClientAuthenticationMethod.NONE);
            }).clientSecret(null);
        }
        else if (parsed.getClientSecret() != null) {
            // the plain value goes back to the client once; the registration stores only its digest
            client.clientSecret(GeneratedSecret.generate().value());
        }
        return client.build();
    }

    /** Back-Channel Logout 1.0 §2.2 metadata; absent, the client gets no logout tokens. */
    private static void backChannelLogout(AbstractOAuth2ClientRegistration request, Map<String, Object> settings) {
        String uri = request.getClaimAsString(ClientMetadataRules.BACKCHANNEL_LOGOUT_URI);
        if (uri != null) {
            settings.put(TollgateClientSettings.BACKCHANNEL_LOGOUT_URI, uri);
            settings.put(TollgateClientSettings.BACKCHANNEL_LOGOUT_SESSION_REQUIRED,
                    Boolean.TRUE.equals(request.getClaim(ClientMetadataRules.BACKCHANNEL_LOGOUT_SESSION_REQUIRED)));
        }
        else {
            settings.remove(TollgateClientSettings.BACKCHANNEL_LOGOUT_URI);
            settings.remove(TollgateClientSettings.BACKCHANNEL_LOGOUT_SESSION_REQUIRED);
        }
    }
}
