package dev.tollgate.auth.refresh;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Function;

import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

import dev.tollgate.auth.authorization.TokenFamilies;

/**
 * Refresh tokens for every client registered with the refresh_token grant, public PKCE clients included
 * (Spring Authorization Server's generator gives public clients none). Each token lives until the client's idle
 * timeout from now, but never beyond the absolute lifetime counted from the family's first refresh token: rotation
 * does not extend it.
 */
public final class RotatingRefreshTokenGenerator implements OAuth2TokenGenerator<OAuth2RefreshToken> {

    private final StringKeyGenerator values = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(),
            48);

    private final Function<RegisteredClient, Duration> absoluteLifetime;

    private final Clock clock;

    /** {@code absoluteLifetime}: how long a client's refresh token family lives at most, however often it rotates. */
    public RotatingRefreshTokenGenerator(Function<RegisteredClient, Duration> absoluteLifetime, Clock clock) {
        this.absoluteLifetime = absoluteLifetime;
        this.clock = clock;
    }

    @Override
    public OAuth2RefreshToken generate(OAuth2TokenContext context) {
        RegisteredClient client = context.getRegisteredClient();
        if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
                || !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
            return null;
        }
        Instant now = clock.instant();
        Instant familyIssuedAt = familyIssuedAt(context.getAuthorization(), now);
        Instant idleEnd = now.plus(client.getTokenSettings().getRefreshTokenTimeToLive());
        Instant absoluteEnd = familyIssuedAt.plus(absoluteLifetime.apply(client));
        return new OAuth2RefreshToken(values.generateKey(), now, idleEnd.isBefore(absoluteEnd) ? idleEnd : absoluteEnd);
    }

    private static Instant familyIssuedAt(OAuth2Authorization authorization, Instant now) {
        Instant issuedAt = authorization == null ? null
                : authorization.getAttribute(TokenFamilies.FAMILY_ISSUED_AT);
        return issuedAt != null ? issuedAt : now;
    }
}
