package dev.tollgate.auth.federation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.security.config.oauth2.client.CommonOAuth2Provider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

/**
 * Tollgate's client registrations at the upstream providers. An OpenID Connect issuer is discovered on the first
 * sign-in with it, not at start-up, so that Tollgate starts while an upstream is down; a failed discovery is not
 * remembered and is tried again on the next click.
 */
class UpstreamRegistrations implements ClientRegistrationRepository {

    /** Register this at the upstream: {@code {issuer}/login/oauth2/code/{provider id}}. */
    static final String REDIRECT_URI = "{baseUrl}/login/oauth2/code/{registrationId}";

    private final Map<String, UpstreamProvider> providers;

    private final Map<String, ClientRegistration> resolved = new ConcurrentHashMap<>();

    UpstreamRegistrations(UpstreamProviders providers) {
        this.providers = providers.all().stream()
                .collect(Collectors.toUnmodifiableMap(UpstreamProvider::id, Function.identity()));
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        UpstreamProvider provider = providers.get(registrationId);
        if (provider == null) {
            return null;
        }
        ClientRegistration registration = resolved.get(registrationId);
        if (registration == null) {
            registration = registrationOf(provider);
            resolved.putIfAbsent(registrationId, registration);
        }
        return registration;
    }

    private static ClientRegistration registrationOf(UpstreamProvider provider) {
        ClientRegistration.Builder builder = switch (provider.type()) {
            case GOOGLE -> CommonOAuth2Provider.GOOGLE.getBuilder(provider.id());
            case GITHUB -> CommonOAuth2Provider.GITHUB.getBuilder(provider.id());
            case OIDC -> discover(provider);
        };
        return builder
                .registrationId(provider.id())
                .clientName(provider.name())
                .clientId(provider.clientId())
                .clientSecret(provider.clientSecret())
                .scope(provider.scopes())
                .redirectUri(REDIRECT_URI)
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .build();
    }

    private static ClientRegistration.Builder discover(UpstreamProvider provider) {
        try {
            return ClientRegistrations.fromOidcIssuerLocation(provider.issuerUri());
        }
        catch (RuntimeException unreachableOrInvalid) {
            throw new IllegalStateException("OpenID Connect discovery of " + provider.issuerUri() + " failed",
                    unreachableOrInvalid);
        }
    }
}
