package dev.tollgate.auth.demo;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where the main Tollgate receives sign-ins from the demo upstream (its {@code upstream} provider's callback). */
@ConfigurationProperties("tollgate.demo-upstream")
public record DemoUpstreamProperties(
        @DefaultValue({"http://localhost:9000/login/oauth2/code/upstream",
                "http://127.0.0.1:9000/login/oauth2/code/upstream"}) List<String> redirectUris) {
}
