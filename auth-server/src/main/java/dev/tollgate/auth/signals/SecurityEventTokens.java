package dev.tollgate.auth.signals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.AuthServerProperties;
import dev.tollgate.auth.keys.SigningKeys;

/**
 * Security Event Tokens (RFC 8417) signed with the key that signs ID tokens, so a receiver verifies them against
 * {@code /oauth2/jwks}: {@code typ: secevent+jwt} (RFC 8417 §2.3), {@code iss}, {@code aud} the stream's owner,
 * {@code iat}, {@code jti}, {@code txn}, the subject as SSF 1.0 §3 {@code sub_id}, and exactly one event. No
 * {@code exp} and no {@code sub} (RFC 8417 §2.2: a SET is not an access token).
 */
@Component
class SecurityEventTokens {

    static final String TYPE = "secevent+jwt";

    private final JwtEncoder encoder;

    private final SigningKeys signingKeys;

    private final String issuer;

    SecurityEventTokens(JwtEncoder encoder, SigningKeys signingKeys, AuthServerProperties server) {
        this.encoder = encoder;
        this.signingKeys = signingKeys;
        this.issuer = server.issuer();
    }

    String sign(String audience, String jti, String txn, Instant issuedAt, Signal event) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .audience(List.of(audience))
                .issuedAt(issuedAt)
                .id(jti)
                .claim("txn", txn)
                .claim("sub_id", event.subject())
                .claim("events", Map.of(event.type(), event.members()))
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.from(signingKeys.activeAlgorithm().getName()))
                .type(TYPE)
                .build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    String issuer() {
        return issuer;
    }

    /** One event of a SET, before it is signed: its type, its subject identifier and its members. */
    record Signal(String type, Map<String, Object> subject, Map<String, Object> members) {
    }
}
