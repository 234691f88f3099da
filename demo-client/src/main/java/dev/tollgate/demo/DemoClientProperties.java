package dev.tollgate.demo;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where this app finds Tollgate and how it introduces itself there: every {@code tollgate.*} setting of the demo
 * client, each with its one default; {@link EnvironmentVariables} names the environment variable of each.
 *
 * @param issuer Tollgate's issuer identifier ({@code AUTH_ISSUER}); every endpoint is derived from it, and it is
 *               the {@code iss} expected of its tokens and responses
 * @param demo   this app's own settings
 */
@ConfigurationProperties("tollgate")
public record DemoClientProperties(@DefaultValue("http://localhost:9000") String issuer, @DefaultValue Demo demo) {

    /**
     * @param apiUrl       base URL of the books API, the resource server ({@code API_URL})
     * @param clientId     this app's client id at Tollgate ({@code DEMO_WEB_CLIENT_ID})
     * @param clientSecret this app's client secret ({@code DEMO_WEB_SECRET})
     */
    public record Demo(@DefaultValue("http://localhost:8080") URI apiUrl,
                       @DefaultValue("demo-web") String clientId,
                       @DefaultValue("demo-web-secret") String clientSecret) {
    }

    public String endpoint(String path) {
        return issuer.replaceAll("/+$", "") + path;
    }
}
