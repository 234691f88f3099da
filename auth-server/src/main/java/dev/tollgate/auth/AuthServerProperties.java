package dev.tollgate.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The auth server's identity and its token defaults, bound from {@code tollgate.*}, each with its one default. The
 * settings of each feature live in a record of its own (keys.KeyProperties, ratelimit.RateLimitProperties, ...);
 * {@link EnvironmentVariables} names the environment variable of every one.
 *
 * @param issuer the issuer identifier (RFC 8414): the base URL clients and resource servers know this server by
 * @param api    the resource server the access tokens are for
 */
@ConfigurationProperties("tollgate")
public record AuthServerProperties(
        @DefaultValue("http://localhost:9000") String issuer,
        @DefaultValue Api api,
        @DefaultValue Token token,
        @DefaultValue Registration registration) {

    /** @param audience the {@code aud} of every access token: the resource server's identifier */
    public record Api(@DefaultValue("http://localhost:8080") String audience) {
    }

    /**
     * Dynamic client registration. {@code allowAdminScopesForServices}: whether a registrar may give a
     * client_credentials client an admin-only scope (books.write, users.read, tollgate.admin); off, only an operator can.
     */
    public record Registration(@DefaultValue("false") boolean allowAdminScopesForServices) {
    }

    /**
     * Default lifetimes; a client's own token settings override them (see TokenPolicy).
     *
     * @param refreshTokenIdleTimeout      a refresh token unused this long expires; each rotation starts a new idle
     *                                     period...
     * @param refreshTokenAbsoluteLifetime ...but never beyond this, counted from the first refresh token of the grant
     */
    public record Token(
            @DefaultValue("300s") Duration accessTokenTtl,
            @DefaultValue("8h") Duration refreshTokenIdleTimeout,
            @DefaultValue("7d") Duration refreshTokenAbsoluteLifetime,
            @DefaultValue("60s") Duration authorizationCodeTtl) {
    }
}
