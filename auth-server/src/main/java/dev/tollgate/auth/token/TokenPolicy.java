package dev.tollgate.auth.token;

import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.config.TollgateProperties;

/** The token lifetimes and rotation rules every client gets (CONTRACT: token lifecycle). */
@Component
public class TokenPolicy {

    private final TollgateProperties.Token token;

    public TokenPolicy(TollgateProperties properties) {
        this.token = properties.token();
    }

    public TokenSettings tokenSettings(OAuth2TokenFormat accessTokenFormat) {
        return TokenSettings.builder()
                .accessTokenFormat(accessTokenFormat)
                .accessTokenTimeToLive(token.accessTokenTtl())
                .authorizationCodeTimeToLive(token.authorizationCodeTtl())
                .refreshTokenTimeToLive(token.refreshTokenTtl())
                .reuseRefreshTokens(false)
                .build();
    }
}
