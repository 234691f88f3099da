package dev.tollgate.api.support;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tollgate.api.ResourceServerApplication;

/** An API application of a test's own (demo profile, random port), for tests that must not share the context. */
public final class StandaloneApi {

    private StandaloneApi() {
    }

    /** Starts it trusting {@code authServer}; {@code more} are further {@code --name=value} arguments. */
    public static ConfigurableApplicationContext start(FakeAuthorizationServer authServer, String... more) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--tollgate.issuer=" + authServer.issuer(),
                "--tollgate.api.audience=" + AccessTokens.AUDIENCE,
                "--tollgate.api.introspection.client-secret=" + FakeAuthorizationServer.INTROSPECTION_SECRET));
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(ResourceServerApplication.class).profiles("demo")
                .run(arguments.toArray(String[]::new));
    }

    public static ApiClient clientOf(ConfigurableApplicationContext app) {
        return new ApiClient("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
    }
}
