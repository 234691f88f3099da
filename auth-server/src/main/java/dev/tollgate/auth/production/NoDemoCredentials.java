package dev.tollgate.auth.production;

import java.util.Map;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.demo.DemoCredentials;
import dev.tollgate.auth.user.UserRepository;

/**
 * In production, refuses to start while the database still accepts a published demo password or client secret
 * (for instance a database that once ran with the demo profile). Runs before the server takes requests.
 */
@Component
class NoDemoCredentials implements SmartInitializingSingleton {

    private final ProductionProperties production;
    private final Environment environment;
    private final RegisteredClientRepository clients;
    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;

    NoDemoCredentials(ProductionProperties production, Environment environment, RegisteredClientRepository clients,
            UserRepository users, PasswordEncoder passwordEncoder) {
        this.production = production;
        this.environment = environment;
        this.clients = clients;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!ProductionMode.isOn(production, environment)) {
            return;
        }
        for (Map.Entry<String, String> demo : DemoCredentials.CLIENT_SECRETS.entrySet()) {
            RegisteredClient client = clients.findByClientId(demo.getKey());
            if (client != null && client.getClientSecret() != null
                    && passwordEncoder.matches(demo.getValue(), client.getClientSecret())) {
                throw refusal("client '" + demo.getKey() + "'", "secret");
            }
        }
        for (Map.Entry<String, String> demo : DemoCredentials.USER_PASSWORDS.entrySet()) {
            users.findByUsername(demo.getKey())
                    .filter(user -> passwordEncoder.matches(demo.getValue(), user.passwordHash()))
                    .ifPresent(user -> {
                        throw refusal("user '" + demo.getKey() + "'", "password");
                    });
        }
    }

    private static UnsafeStartException refusal(String who, String what) {
        return new UnsafeStartException(who + " still has the published demo " + what + ".",
                "Give " + who + " a new " + what + " (or delete it) before starting in production.");
    }
}
