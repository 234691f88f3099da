package dev.tollgate.auth.federation;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * The upstream identity providers users may sign in with, bound from {@code tollgate.federation.providers.<id>}.
 * A provider without a client id is switched off. Ids {@code google}, {@code github} and {@code oidc} are presets
 * (see {@link UpstreamProvider}) that an operator switches on with their environment variables
 * ({@code GOOGLE_CLIENT_ID}, ...; see EnvironmentVariables).
 */
@ConfigurationProperties("tollgate.federation")
public record FederationProperties(Map<String, Provider> providers) {

    public enum Type {
        /** Any OpenID Connect issuer, found by discovery from its issuer URI. */
        OIDC,
        GOOGLE,
        /** Plain OAuth 2.0 plus GitHub's user API. */
        GITHUB
    }

    /**
     * @param type defaults from the id: {@code google} and {@code github} are presets, anything else is OIDC
     * @param name the button text after "Continue with"; defaults to the preset's name ("Single sign-on" for
     *             {@code oidc}) or the id
     * @param requireVerifiedEmail refuse sign-ins whose upstream email address is missing or unverified
     */
    public record Provider(Type type, String name, String issuerUri, String clientId, String clientSecret,
            List<String> scopes, boolean requireVerifiedEmail) {
    }

    /** The switched-on providers, sorted by id. */
    public List<UpstreamProvider> enabledProviders() {
        if (providers == null) {
            return List.of();
        }
        return new TreeMap<>(providers).entrySet().stream()
                .filter(entry -> StringUtils.hasText(entry.getValue().clientId()))
                .map(entry -> UpstreamProvider.of(entry.getKey(), entry.getValue()))
                .toList();
    }
}
