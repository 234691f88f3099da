package dev.tollgate.auth.support;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import dev.tollgate.auth.AuthServerApplication;
import dev.tollgate.testsupport.FreePorts;
import dev.tollgate.testsupport.TestDatabases;

/**
 * A second Tollgate auth server with the {@code demo-upstream} profile, on its own port and in-memory database: the
 * upstream OpenID Connect provider of the federation tests. Started once per test run, on the first use.
 */
public final class DemoUpstream {

    private static final int PORT = FreePorts.next();

    private static ConfigurableApplicationContext context;

    private static final Set<Integer> TOLLGATE_PORTS = new HashSet<>();

    private DemoUpstream() {
    }

    /** Known before the server starts, so that Tollgate can be configured with it (discovery happens later). */
    public static String issuer() {
        return "http://localhost:" + PORT;
    }

    /**
     * Starts the upstream, accepting sign-ins for the given Tollgate's providers {@code upstream} and {@code strict};
     * a Tollgate of another Spring test context, on another port, is added to the upstream's redirect URIs.
     */
    public static synchronized void startFor(int tollgatePort) {
        if (!TOLLGATE_PORTS.add(tollgatePort)) {
            return;
        }
        List<String> callbacks = callbacksOf(tollgatePort);
        if (context == null) {
            context = new SpringApplicationBuilder(AuthServerApplication.class)
                    .profiles("demo-upstream")
                    .run("--server.port=" + PORT, "--tollgate.issuer=" + issuer(),
                            "--spring.datasource.url=" + TestDatabases.h2("upstream-test"),
                            "--tollgate.demo-upstream.redirect-uris=" + String.join(",", callbacks));
            return;
        }
        RegisteredClientRepository clients = bean(RegisteredClientRepository.class);
        clients.save(RegisteredClient.from(clients.findByClientId("tollgate"))
                .redirectUris(uris -> uris.addAll(callbacks))
                .build());
    }

    private static List<String> callbacksOf(int tollgatePort) {
        String callback = "http://localhost:" + tollgatePort + "/login/oauth2/code/";
        return List.of(callback + "upstream", callback + "strict");
    }

    public static <T> T bean(Class<T> type) {
        return context.getBean(type);
    }
}
