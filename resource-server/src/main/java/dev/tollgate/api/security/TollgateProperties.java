package dev.tollgate.api.security;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the authorization server is and what this API expects of the access tokens it issues.
 *
 * @param issuer the authorization server's issuer identifier ({@code AUTH_ISSUER}); the JWK set is read
 *               from {@code {issuer}/oauth2/jwks}
 * @param api    what a token must say to be accepted here
 */
@ConfigurationProperties("tollgate")
public record TollgateProperties(@DefaultValue("http://localhost:9000") URI issuer, @DefaultValue Api api) {

    /**
     * @param audience      the {@code aud} every access token must carry ({@code API_AUDIENCE})
     * @param clockSkew     how far {@code exp} and {@code nbf} may be off the local clock
     * @param introspection how this API authenticates to {@code {issuer}/oauth2/introspect} for opaque tokens
     */
    public record Api(@DefaultValue("http://localhost:8080") String audience,
                      @DefaultValue("30s") Duration clockSkew,
                      @DefaultValue Introspection introspection) {
    }

    public record Introspection(@DefaultValue("resource-server") String clientId, String clientSecret) {
    }

    public String introspectionUri() {
        return withoutTrailingSlash(issuer.toString()) + "/oauth2/introspect";
    }

    public String jwkSetUri() {
        return withoutTrailingSlash(issuer.toString()) + "/oauth2/jwks";
    }

    private static String withoutTrailingSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
