package dev.tollgate.auth.demo;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where the demo-client app lives, so that its registration matches how it is started. */
@ConfigurationProperties("tollgate.demo")
public record DemoProperties(
        @DefaultValue({"http://localhost:8081/login/oauth2/code/tollgate",
                "http://127.0.0.1:8081/login/oauth2/code/tollgate"}) List<String> webRedirectUris,
        @DefaultValue({"http://localhost:8081/", "http://127.0.0.1:8081/"}) List<String> webPostLogoutRedirectUris) {
}
