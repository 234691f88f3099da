package dev.tollgate.auth.demo;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where the demo-client app and the example API's Swagger UI live, so that their registrations match. */
@ConfigurationProperties("tollgate.demo")
public record DemoProperties(
        @DefaultValue({"http://localhost:8081/login/oauth2/code/tollgate",
                "http://127.0.0.1:8081/login/oauth2/code/tollgate"}) List<String> webRedirectUris,
        @DefaultValue({"http://localhost:8081/", "http://127.0.0.1:8081/"}) List<String> webPostLogoutRedirectUris,
        @DefaultValue("http://localhost:8081/logout/connect/back-channel/tollgate") String webBackChannelLogoutUri,
        @DefaultValue({"http://localhost:8080/swagger-ui/oauth2-redirect.html",
                "http://127.0.0.1:8080/swagger-ui/oauth2-redirect.html"}) List<String> apiDocsRedirectUris) {
}
