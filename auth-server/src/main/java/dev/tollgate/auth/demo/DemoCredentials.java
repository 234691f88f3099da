package dev.tollgate.auth.demo;

import java.util.Map;

/**
 * The demo users' passwords and the demo clients' secrets, published in the README: the demo profile seeds
 * them, and production refuses to start while any of them would still be accepted.
 */
public final class DemoCredentials {

    public static final Map<String, String> USER_PASSWORDS = Map.of(
            "admin", "admin-password",
            "alice", "alice-password");

    public static final Map<String, String> CLIENT_SECRETS = Map.of(
            "demo-web", "demo-web-secret",
            "demo-service", "demo-service-secret",
            "demo-service-opaque", "demo-service-opaque-secret",
            "resource-server", "resource-server-secret",
            "resource-server-signals", "resource-server-signals-secret",
            "demo-registrar", "demo-registrar-secret",
            "demo-admin", "demo-admin-secret",
            "demo-gateway", "demo-gateway-secret");

    private DemoCredentials() {
    }

    static String passwordOf(String username) {
        return USER_PASSWORDS.get(username);
    }

    static String secretOf(String clientId) {
        return CLIENT_SECRETS.get(clientId);
    }
}
