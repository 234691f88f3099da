package dev.tollgate.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything an operator tunes on the auth server, bound from {@code tollgate.*} (see application.yml for the
 * environment variables).
 */
@ConfigurationProperties("tollgate")
public record AuthServerProperties(
        @DefaultValue("http://localhost:9000") String issuer,
        @DefaultValue Api api,
        @DefaultValue Token token,
        @DefaultValue Registration registration) {

    public record Api(@DefaultValue("http://localhost:8080") String audience) {
    }

    /**
     * Dynamic client registration. {@code allowAdminScopesForServices}: whether a registrar may give a
     * client_credentials client an admin-only scope (books.write, users.read); off, only an operator can.
     */
    public record Registration(@DefaultValue("false") boolean allowAdminScopesForServices) {
    }

    /** Default lifetimes; a client's own token settings override them (see TokenPolicy). */
    public record Token(
            @DefaultValue("300s") Duration accessTokenTtl,
            @DefaultValue("8h") Duration refreshTokenIdleTimeout,
            @DefaultValue("7d") Duration refreshTokenAbsoluteLifetime,
            @DefaultValue("60s") Duration authorizationCodeTtl) {
    }
}
