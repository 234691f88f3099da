package dev.tollgate.demo;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where this app finds Tollgate and how it introduces itself there.
 *
 * @param issuer Tollgate's issuer identifier ({@code AUTH_ISSUER}); every endpoint is derived from it
 * @param demo   this app's own settings
 */
@ConfigurationProperties("tollgate")
public record TollgateProperties(String issuer, Demo demo) {

    /**
     * @param apiUrl       base URL of the books API ({@code API_URL})
     * @param clientId     this app's client id at Tollgate ({@code DEMO_WEB_CLIENT_ID})
     * @param clientSecret this app's client secret ({@code DEMO_WEB_SECRET})
     */
    public record Demo(URI apiUrl, String clientId, String clientSecret) {
    }

    public String endpoint(String path) {
        return issuer.replaceAll("/+$", "") + path;
    }
}
