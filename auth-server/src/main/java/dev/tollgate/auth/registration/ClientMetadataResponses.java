package dev.tollgate.auth.registration;

import java.time.Instant;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientMetadataClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.converter.RegisteredClientOAuth2ClientRegistrationConverter;
import org.springframework.security.oauth2.server.authorization.oidc.OidcClientRegistration;
import org.springframework.security.oauth2.server.authorization.oidc.converter.RegisteredClientOidcClientRegistrationConverter;

import dev.tollgate.auth.client.TollgateClientSettings;

/**
 * The client metadata Tollgate answers with. The registration response carries the new secret, once, with
 * {@code client_secret_expires_at: 0} (it does not expire; RFC 7591 §3.2.1). The configuration read later
 * (RFC 7592) never shows a secret: only its digest is stored.
 */
final class ClientMetadataResponses {

    private static final Converter<RegisteredClient, OidcClientRegistration> METADATA =
            new RegisteredClientOidcClientRegistrationConverter();

    private static final Converter<RegisteredClient, OAuth2ClientRegistration> OAUTH_METADATA =
            new RegisteredClientOAuth2ClientRegistrationConverter();

    private ClientMetadataResponses() {
    }

    static OidcClientRegistration registeredAtOidcEndpoint(RegisteredClient client) {
        OidcClientRegistration.Builder metadata = OidcClientRegistration.withClaims(METADATA.convert(client).getClaims())
                .claims(claims -> addTollgateMetadata(client, claims));
        return client.getClientSecret() == null ? metadata.build()
                : metadata.clientSecretExpiresAt(Instant.EPOCH).build();
    }

    static OAuth2ClientRegistration registeredAtOAuthEndpoint(RegisteredClient client) {
        OAuth2ClientRegistration.Builder metadata =
                OAuth2ClientRegistration.withClaims(OAUTH_METADATA.convert(client).getClaims())
                        .claims(claims -> addTollgateMetadata(client, claims));
        return client.getClientSecret() == null ? metadata.build()
                : metadata.clientSecretExpiresAt(Instant.EPOCH).build();
    }

    static OidcClientRegistration configuration(RegisteredClient client) {
        return OidcClientRegistration.withClaims(METADATA.convert(client).getClaims())
                .claims(claims -> {
                    claims.remove(OAuth2ClientMetadataClaimNames.CLIENT_SECRET);
                    claims.remove(OAuth2ClientMetadataClaimNames.CLIENT_SECRET_EXPIRES_AT);
                    addTollgateMetadata(client, claims);
                })
                .build();
    }

    /**
     * Metadata Spring Authorization Server does not write back: {@code require_pushed_authorization_requests},
     * {@code dpop_bound_access_tokens}, {@code backchannel_logout_uri}, {@code backchannel_logout_session_required} and
     * {@code token_exchange_impersonation}.
     */
    static void addTollgateMetadata(RegisteredClient client, Map<String, Object> claims) {
        TollgateClientSettings.backChannelLogoutUri(client).ifPresent(uri -> {
            claims.put(ClientMetadataRules.BACKCHANNEL_LOGOUT_URI, uri);
            claims.put(ClientMetadataRules.BACKCHANNEL_LOGOUT_SESSION_REQUIRED, Boolean.TRUE.equals(
                    client.getClientSettings().getSetting(TollgateClientSettings.BACKCHANNEL_LOGOUT_SESSION_REQUIRED)));
        });
        if (TollgateClientSettings.requiresPushedRequests(client)) {
            claims.put(ClientMetadataRules.REQUIRE_PUSHED_AUTHORIZATION_REQUESTS, true);
        }
        if (TollgateClientSettings.requiresDPoP(client)) {
            claims.put(ClientMetadataRules.DPOP_BOUND_ACCESS_TOKENS, true);
        }
        if (TollgateClientSettings.mayImpersonate(client)) {
            claims.put(ClientMetadataRules.TOKEN_EXCHANGE_IMPERSONATION, true);
        }
    }
}
