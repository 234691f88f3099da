package dev.tollgate.auth.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tollgate.auth.AuthServerApplication;

/**
 * A second Tollgate auth server with the {@code demo-upstream} profile, on its own port and in-memory database: the
 * upstream OpenID Connect provider of the federation tests. Started once per test run, on the first use.
 */
public final class DemoUpstream {

    private static final int PORT = freePort();

    private static ConfigurableApplicationContext context;

    private DemoUpstream() {
    }

    /** Known before the server starts, so that Tollgate can be configured with it (discovery happens later). */
    public static String issuer() {
        return "http://localhost:" + PORT;
    }

    /** Starts the upstream, accepting sign-ins for the given Tollgate's providers {@code upstream} and {@code strict}. */
    public static synchronized void startFor(int tollgatePort) {
        if (context != null) {
            return;
        }
        String callback = "http://localhost:" + tollgatePort + "/login/oauth2/code/";
        context = new SpringApplicationBuilder(AuthServerApplication.class)
                .profiles("demo-upstream")
                .run("--server.port=" + PORT, "--tollgate.issuer=" + issuer(),
                        "--spring.datasource.url=jdbc:h2:mem:upstream-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                        "--tollgate.demo-upstream.redirect-uris=" + callback + "upstream," + callback + "strict");
    }

    public static <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }
}
