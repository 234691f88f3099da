package dev.tollgate.auth.registration;

import java.time.Instant;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientMetadataClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.converter.RegisteredClientOAuth2ClientRegistrationConverter;
import org.springframework.security.oauth2.server.authorization.oidc.OidcClientRegistration;
import org.springframework.security.oauth2.server.authorization.oidc.converter.RegisteredClientOidcClientRegistrationConverter;

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
        OidcClientRegistration metadata = METADATA.convert(client);
        return client.getClientSecret() == null ? metadata
                : OidcClientRegistration.withClaims(metadata.getClaims()).clientSecretExpiresAt(Instant.EPOCH).build();
    }

    static OAuth2ClientRegistration registeredAtOAuthEndpoint(RegisteredClient client) {
        OAuth2ClientRegistration metadata = OAUTH_METADATA.convert(client);
        return client.getClientSecret() == null ? metadata
                : OAuth2ClientRegistration.withClaims(metadata.getClaims()).clientSecretExpiresAt(Instant.EPOCH).build();
    }

    static OidcClientRegistration configuration(RegisteredClient client) {
        return OidcClientRegistration.withClaims(METADATA.convert(client).getClaims())
                .claims(claims -> {
                    claims.remove(OAuth2ClientMetadataClaimNames.CLIENT_SECRET);
                    claims.remove(OAuth2ClientMetadataClaimNames.CLIENT_SECRET_EXPIRES_AT);
                })
                .build();
    }
}
