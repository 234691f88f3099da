package dev.tollgate.auth.client;

import java.time.Clock;

import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2ClientAuthenticationConfigurer;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * How clients authenticate at the token, introspection and revocation endpoints: Spring Authorization Server's
 * methods, plus public clients refreshing with their client id only, and each {@code private_key_jwt} assertion used
 * once.
 */
@Component
public class ClientAuthentication {

    private final RegisteredClientRepository clients;

    private final UsedClientAssertions usedClientAssertions;

    private final Clock clock;

    public ClientAuthentication(RegisteredClientRepository clients, UsedClientAssertions usedClientAssertions,
            Clock clock) {
        this.clients = clients;
        this.usedClientAssertions = usedClientAssertions;
        this.clock = clock;
    }

    /** For {@code clientAuthentication(...)}. */
    public void customize(OAuth2ClientAuthenticationConfigurer client) {
        client.authenticationConverter(new PublicClientRefreshConverter())
                .authenticationProvider(new PublicClientRefreshAuthenticationProvider(clients))
                .authenticationProviders(providers -> providers.replaceAll(provider ->
                        provider instanceof JwtClientAssertionAuthenticationProvider
                                ? new SingleUseClientAssertions(provider, usedClientAssertions, clock)
                                : provider));
    }
}
