package dev.tollgate.auth.backchannel;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.AuthServerProperties;
import dev.tollgate.auth.keys.SigningKeys;

/**
 * Logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.4), signed with the key that signs ID tokens, so a client
 * verifies them against {@code /oauth2/jwks}: {@code typ: logout+jwt} (§2.4, against cross-JWT confusion),
 * {@code iss}, {@code aud} the client id, {@code iat}, a short {@code exp}, a fresh {@code jti}, the back-channel
 * logout event, {@code sub} and {@code sid}, and never a {@code nonce}.
 */
@Component
class LogoutTokens {

    static final String TYPE = "logout+jwt";

    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    private final JwtEncoder encoder;

    private final SigningKeys signingKeys;

    private final String issuer;

    private final BackChannelLogoutProperties properties;

    private final Clock clock;

    LogoutTokens(JwtEncoder encoder, SigningKeys signingKeys, AuthServerProperties server,
            BackChannelLogoutProperties properties, Clock clock) {
        this.encoder = encoder;
        this.signingKeys = signingKeys;
        this.issuer = server.issuer();
        this.properties = properties;
        this.clock = clock;
    }

    String sign(PendingLogout logout) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .audience(List.of(logout.clientId()))
                .issuedAt(now)
                .expiresAt(now.plus(properties.tokenLifetime()))
                .id(UUID.randomUUID().toString())
                .subject(logout.subject())
                .claim("events", Map.of(EVENT, Map.of()));
        if (logout.sid() != null) {
            claims.claim("sid", logout.sid());
        }
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.from(signingKeys.activeAlgorithm().getName()))
                .type(TYPE)
                .build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }
}
