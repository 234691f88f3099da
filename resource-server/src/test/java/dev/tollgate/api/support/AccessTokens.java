package dev.tollgate.api.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints access tokens shaped like Tollgate's (RFC 9068, claims per the contract), signed with the fake
 * auth server's key unless a test asks for something broken.
 */
public final class AccessTokens {

    public static final String AUDIENCE = "http://localhost:8080";
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final FakeAuthorizationServer authServer;

    public AccessTokens(FakeAuthorizationServer authServer) {
        this.authServer = authServer;
    }

    /** A token issued to a person through demo-web; {@code sub} is a fresh UUID unless set. */
    public Draft user(String username, List<String> roles, String scope) {
        return new Draft(new JWTClaimsSet.Builder()
                .subject(UUID.randomUUID().toString())
                .claim("preferred_username", username)
                .claim("roles", roles)
                .claim("scope", scope)
                .claim("client_id", "demo-web"));
    }

    public Draft alice(String scope) {
        return user("alice", List.of("USER"), scope);
    }

    public Draft admin(String scope) {
        return user("admin", List.of("ADMIN", "USER"), scope);
    }

    /** A client_credentials token: no person, {@code sub} is the client id. */
    public Draft client(String clientId, String scope) {
        return new Draft(new JWTClaimsSet.Builder().subject(clientId).claim("scope", scope).claim("client_id", clientId));
    }

    /** A JWS of these claims, RS256 with {@code key}, its {@code kid} and this {@code typ} (none if null). */
    static String signedRs256(JOSEObjectType type, RSAKey key, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(type).keyID(key.getKeyID()).build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    public final class Draft {

        private final JWTClaimsSet.Builder claims;
        private JOSEObjectType type = new JOSEObjectType("at+jwt");
        private RSAKey key = authServer.currentKey();

        private Draft(JWTClaimsSet.Builder claims) {
            Instant now = Instant.now();
            this.claims = claims
                    .issuer(authServer.issuer())
                    .audience(AUDIENCE)
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(LIFETIME)))
                    .jwtID(UUID.randomUUID().toString());
        }

        public Draft subject(String subject) {
            claims.subject(subject);
            return this;
        }

        public Draft email(String email) {
            claims.claim("email", email);
            return this;
        }

        /**
         * The token a client got by token exchange (RFC 8693 §4.1): {@code act} names the client acting now, with
         * each earlier actor nested inside the later one.
         */
        public Draft actedOnBy(String actor, String... earlierActors) {
            Map<String, Object> act = null;
            for (int i = earlierActors.length - 1; i >= -1; i--) {
                Map<String, Object> outer = new LinkedHashMap<>();
                outer.put("sub", i >= 0 ? earlierActors[i] : actor);
                if (act != null) {
                    outer.put("act", act);
                }
                act = outer;
            }
            claims.claim("act", act).claim("client_id", actor);
            return this;
        }

        public Draft claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        public Draft issuer(String issuer) {
            claims.issuer(issuer);
            return this;
        }

        public Draft audience(String audience) {
            claims.audience(audience);
            return this;
        }

        /** Moves the token's lifetime so that it ends {@code fromNow} from now (negative: already expired). */
        public Draft expiresIn(Duration fromNow) {
            Instant expiry = Instant.now().plus(fromNow);
            claims.expirationTime(Date.from(expiry)).issueTime(Date.from(expiry.minus(LIFETIME)));
            return this;
        }

        public Draft notBefore(Instant notBefore) {
            claims.notBeforeTime(Date.from(notBefore));
            return this;
        }

        public Draft type(String typ) {
            this.type = typ == null ? null : new JOSEObjectType(typ);
            return this;
        }

        public Draft signedWith(RSAKey key) {
            this.key = key;
            return this;
        }

        public String sign() {
            return signedRs256(type, key, claims.build());
        }

        /** The same claims with {@code alg: none}: no signature at all. */
        public String unsigned() {
            return new PlainJWT(claims.build()).serialize();
        }

        /** The same claims MAC'd with HS256 using the public key's bytes as secret (the classic alg confusion). */
        public String hmacSignedWithPublicKey() {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(type).keyID(key.getKeyID()).build(),
                    claims.build());
            try {
                jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }
    }
}
