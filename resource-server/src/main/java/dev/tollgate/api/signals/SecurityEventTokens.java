package dev.tollgate.api.signals;

import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Checks a Security Event Token (RFC 8417) as SSF 1.0 §10 asks: a JWS ({@code alg} RS256, ES256 or PS256, never
 * {@code none} or HMAC) with {@code typ: secevent+jwt}, signed by a key of the transmitter's {@code jwks_uri}
 * (Nimbus fetches it on first use, caches it and fetches it again for an unknown {@code kid}, so a key rotation is
 * followed), from the expected {@code iss}, for this receiver's {@code aud}, with a {@code jti}, an {@code iat}
 * not in the future beyond the clock skew, and {@code events}.
 */
final class SecurityEventTokens {

    private static final List<JOSEObjectType> SET_TYPES =
            List.of(new JOSEObjectType("secevent+jwt"), new JOSEObjectType("application/secevent+jwt"));

    private final NimbusJwtDecoder signatures;
    private final String issuer;
    private final String audience;
    private final Duration clockSkew;
    private final Clock clock;

    SecurityEventTokens(String jwksUri, String issuer, String audience, Duration clockSkew, Clock clock) {
        this.signatures = NimbusJwtDecoder.withJwkSource(JWKSourceBuilder.<SecurityContext>create(toUrl(jwksUri))
                        .retrying(true)
                        .build())
                .jwsAlgorithms(algorithms -> algorithms.addAll(
                        List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256, SignatureAlgorithm.PS256)))
                .build();
        // the claims are checked below, each with its own RFC 8935 error code
        this.signatures.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        this.issuer = issuer;
        this.audience = audience;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    /**
     * @throws SetRefused when the SET is not acceptable, ever
     * @throws org.springframework.security.oauth2.jwt.JwtException when the keys could not be fetched (try again)
     */
    SecurityEvent verify(String token) {
        checkHeader(token);
        Jwt set;
        try {
            set = signatures.decode(token);
        } catch (BadJwtException unverifiable) {
            throw new SetRefused(SetRefused.INVALID_KEY, "The SET's signature could not be verified with the transmitter's keys");
        } catch (JwtException unchecked) {
            if (causedBy(unchecked, RateLimitReachedException.class)) {
                // the key set was fetched again moments ago for another unknown kid: this one is not in it either
                throw new SetRefused(SetRefused.INVALID_KEY, "No key of the transmitter has the SET's kid");
            }
            throw unchecked;
        }
        if (!issuer.equals(set.getClaimAsString("iss"))) {
            throw new SetRefused(SetRefused.INVALID_ISSUER, "The SET's iss is not " + issuer);
        }
        if (set.getAudience() == null || !set.getAudience().contains(audience)) {
            throw new SetRefused(SetRefused.INVALID_AUDIENCE, "The SET's aud does not name " + audience);
        }
        Instant issuedAt = set.getIssuedAt();
        if (issuedAt == null) {
            throw invalid("The SET has no iat");
        }
        if (issuedAt.isAfter(clock.instant().plus(clockSkew))) {
            throw invalid("The SET's iat is in the future");
        }
        if (set.getId() == null || set.getId().isBlank()) {
            throw invalid("The SET has no jti");
        }
        if (!(set.getClaims().get("events") instanceof Map<?, ?> events) || events.isEmpty()) {
            throw invalid("The SET has no events");
        }
        return SecurityEvent.of(set, issuer);
    }

    private static void checkHeader(String token) {
        SignedJWT parsed;
        try {
            parsed = SignedJWT.parse(token);
        } catch (ParseException | RuntimeException notSigned) {
            throw invalid("The body is not a signed JWT (RFC 8417 §2.2)");
        }
        JOSEObjectType type = parsed.getHeader().getType();
        if (type == null || SET_TYPES.stream().noneMatch(set -> set.toString().equalsIgnoreCase(type.toString()))) {
            throw invalid("The SET's typ must be secevent+jwt");
        }
    }

    private static boolean causedBy(Throwable thrown, Class<? extends Throwable> type) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static SetRefused invalid(String description) {
        return new SetRefused(SetRefused.INVALID_REQUEST, description);
    }

    private static java.net.URL toUrl(String uri) {
        try {
            return URI.create(uri).toURL();
        } catch (MalformedURLException | IllegalArgumentException invalid) {
            throw new IllegalStateException("The transmitter's jwks_uri is not a URL: " + uri, invalid);
        }
    }
}
