package dev.tollgate.auth.cors;

import java.time.Duration;
import java.util.List;

import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Which endpoints a browser app on an allowed origin may call directly: those a public client's JavaScript needs
 * (token, revocation, JWKS, userinfo, discovery). The authorization endpoint and the hosted pages are never called
 * cross-origin: the browser navigates to them. No cookies cross origins: these endpoints authenticate by the
 * request itself.
 */
public final class BrowserAccess {

    private BrowserAccess() {
    }

    public static CorsConfigurationSource to(BrowserOrigins origins, AuthorizationServerSettings endpoints) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (origins.allowedOrigins().isEmpty()) {
            return source;
        }
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(origins.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "POST"));
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept"));
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(Duration.ofHours(1));
        for (String path : List.of(endpoints.getTokenEndpoint(), endpoints.getTokenRevocationEndpoint(),
                endpoints.getJwkSetEndpoint(), endpoints.getOidcUserInfoEndpoint(), "/.well-known/**")) {
            source.registerCorsConfiguration(path, configuration);
        }
        return source;
    }
}
