package dev.tollgate.auth.federation;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** The switched-on upstream providers; the login page shows one "Continue with" button for each. */
@Component("upstreamProviders")
public class UpstreamProviders {

    private final List<UpstreamProvider> providers;

    public UpstreamProviders(FederationProperties properties) {
        this.providers = properties.enabledProviders();
    }

    public List<UpstreamProvider> all() {
        return providers;
    }

    public Optional<UpstreamProvider> byId(String id) {
        return providers.stream().filter(provider -> provider.id().equals(id)).findFirst();
    }
}
