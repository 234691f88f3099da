package dev.tollgate.auth.token;

import java.time.Duration;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.AuthServerProperties;
import dev.tollgate.auth.keys.SignedTokenLifetimes;

/**
 * The token lifetimes and rotation rules (README "Token lifetimes, rotation and revocation"). Configuration gives the
 * defaults; each client's token settings may override them: {@code access-token-time-to-live},
 * {@code authorization-code-time-to-live}, {@code refresh-token-time-to-live} (the refresh token's idle timeout) and
 * {@link #REFRESH_TOKEN_ABSOLUTE_LIFETIME}.
 */
@Component
public class TokenPolicy implements SignedTokenLifetimes {

    /** Per-client token setting: how long a refresh token family lives at most, however often it rotates. */
    public static final String REFRESH_TOKEN_ABSOLUTE_LIFETIME =
            "settings.token.tollgate.refresh-token-absolute-lifetime";

    // Spring Authorization Server gives every ID token 30 minutes.
    private static final Duration ID_TOKEN_LIFETIME = Duration.ofMinutes(30);

    private final AuthServerProperties.Token token;

    private final RegisteredClientRepository clients;

    private final JdbcClient jdbc;

    public TokenPolicy(AuthServerProperties properties, RegisteredClientRepository clients, JdbcClient jdbc) {
        this.token = properties.token();
        this.clients = clients;
        this.jdbc = jdbc;
    }

    public TokenSettings tokenSettings(OAuth2TokenFormat accessTokenFormat) {
        return TokenSettings.builder()
                .accessTokenFormat(accessTokenFormat)
                .accessTokenTimeToLive(token.accessTokenTtl())
                .authorizationCodeTimeToLive(token.authorizationCodeTtl())
                .refreshTokenTimeToLive(token.refreshTokenIdleTimeout())
                .setting(REFRESH_TOKEN_ABSOLUTE_LIFETIME, token.refreshTokenAbsoluteLifetime())
                .reuseRefreshTokens(false)
                .build();
    }

    public Duration refreshTokenAbsoluteLifetime(RegisteredClient client) {
        Duration lifetime = client.getTokenSettings().getSetting(REFRESH_TOKEN_ABSOLUTE_LIFETIME);
        return lifetime != null ? lifetime : token.refreshTokenAbsoluteLifetime();
    }

    /**
     * The longest a token signed now can stay valid: how long a retired signing key must remain published. Reads
     * every client, which is fine for the rare key rotation.
     */
    @Override
    public Duration longestSignedTokenLifetime() {
        return Stream.concat(Stream.of(ID_TOKEN_LIFETIME, token.accessTokenTtl()),
                        jdbc.sql("SELECT id FROM oauth2_registered_client").query(String.class).list().stream()
                                .map(clients::findById)
                                .map(client -> client.getTokenSettings().getAccessTokenTimeToLive()))
                .max(Duration::compareTo)
                .orElseThrow();
    }
}
