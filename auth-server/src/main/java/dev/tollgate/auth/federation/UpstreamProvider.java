package dev.tollgate.auth.federation;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.util.StringUtils;

import dev.tollgate.auth.federation.FederationProperties.Provider;
import dev.tollgate.auth.federation.FederationProperties.Type;

/** One switched-on upstream provider with its defaults filled in. {@code id} appears in its URLs. */
public record UpstreamProvider(String id, String name, Type type, String issuerUri, String clientId,
        String clientSecret, List<String> scopes, boolean requireVerifiedEmail) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,49}");

    static UpstreamProvider of(String id, Provider provider) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalStateException("tollgate.federation.providers." + id
                    + ": a provider id is 1 to 50 lower-case letters, digits and dashes (it is part of URLs)");
        }
        Type type = provider.type() != null ? provider.type() : typeFromId(id);
        if (type == Type.OIDC && !StringUtils.hasText(provider.issuerUri())) {
            throw new IllegalStateException("tollgate.federation.providers." + id + ".issuer-uri is required");
        }
        return new UpstreamProvider(id,
                StringUtils.hasText(provider.name()) ? provider.name() : defaultName(id, type),
                type, provider.issuerUri(), provider.clientId(), provider.clientSecret(),
                provider.scopes() != null && !provider.scopes().isEmpty() ? List.copyOf(provider.scopes())
                        : defaultScopes(type),
                provider.requireVerifiedEmail());
    }

    /** Leaves the client secret out of logs. */
    @Override
    public String toString() {
        return "UpstreamProvider[" + id + ", " + type + ", " + name + "]";
    }

    private static Type typeFromId(String id) {
        return switch (id) {
            case "google" -> Type.GOOGLE;
            case "github" -> Type.GITHUB;
            default -> Type.OIDC;
        };
    }

    /** Provider {@code oidc} is the preset for one single sign-on provider of the operator's (OIDC_* variables). */
    private static String defaultName(String id, Type type) {
        return switch (type) {
            case GOOGLE -> "Google";
            case GITHUB -> "GitHub";
            case OIDC -> "oidc".equals(id) ? "Single sign-on" : id;
        };
    }

    // GitHub tells whether an address is verified only through /user/emails, which needs user:email.
    private static List<String> defaultScopes(Type type) {
        return type == Type.GITHUB ? List.of("read:user", "user:email") : List.of("openid", "profile", "email");
    }
}
