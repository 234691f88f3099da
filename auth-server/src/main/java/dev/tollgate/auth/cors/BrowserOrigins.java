package dev.tollgate.auth.cors;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.cors.*}: the web origins whose pages may call Tollgate's endpoints from the browser, as a
 * single-page app or Swagger UI does with the authorization code flow. None by default.
 */
@ConfigurationProperties("tollgate.cors")
public record BrowserOrigins(@DefaultValue({}) List<String> allowedOrigins) {

    public BrowserOrigins {
        allowedOrigins = allowedOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList();
    }
}
