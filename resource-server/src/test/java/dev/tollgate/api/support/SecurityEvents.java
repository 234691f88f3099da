package dev.tollgate.api.support;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;

/**
 * Mints Security Event Tokens (RFC 8417) shaped as the auth server's Shared Signals transmitter sends them, signed
 * with the fake auth server's key (the one {@link AccessTokens} signs with) unless a test asks for something broken.
 */
public final class SecurityEvents {

    public static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";
    public static final String CREDENTIAL_CHANGE = "https://schemas.openid.net/secevent/caep/event-type/credential-change";
    public static final String TOKEN_CLAIMS_CHANGE = "https://schemas.openid.net/secevent/caep/event-type/token-claims-change";
    public static final String ACCOUNT_DISABLED = "https://schemas.openid.net/secevent/risc/event-type/account-disabled";
    public static final String GRANT_REVOKED = "https://tollgate.dev/secevent/grant-revoked";
    public static final String VERIFICATION = "https://schemas.openid.net/secevent/ssf/event-type/verification";

    private final FakeAuthorizationServer authServer;

    public SecurityEvents(FakeAuthorizationServer authServer) {
        this.authServer = authServer;
    }

    /** One event of {@code type} with these members (plus {@code event_timestamp}: now, unless given). */
    public Draft event(String type, Map<String, Object> members) {
        return new Draft(type, members);
    }

    /** A user's grant revoked: its grant_id and the jtis of its access tokens. */
    public Draft grantRevoked(String userId, String grantId, List<String> jtis) {
        return event(GRANT_REVOKED, Map.of("reason", "revocation", "client_id", "demo-web", "grant_id", grantId,
                "jtis", jtis)).user(userId);
    }

    public Draft verification(String state) {
        return event(VERIFICATION, Map.of("state", state));
    }

    public final class Draft {

        private final String type;
        private final Map<String, Object> members;
        private final JWTClaimsSet.Builder claims;
        private JOSEObjectType typ = new JOSEObjectType("secevent+jwt");
        private RSAKey key = authServer.currentKey();

        private Draft(String type, Map<String, Object> members) {
            this.type = type;
            this.members = new LinkedHashMap<>(members);
            this.members.putIfAbsent("event_timestamp", Instant.now().getEpochSecond());
            this.claims = new JWTClaimsSet.Builder()
                    .issuer(authServer.issuer())
                    .audience(FakeAuthorizationServer.SIGNALS_CLIENT)
                    .issueTime(new Date())
                    .jwtID(UUID.randomUUID().toString())
                    .claim("txn", UUID.randomUUID().toString());
        }

        public Draft user(String userId) {
            return subject(userSubject(userId));
        }

        public Draft session(String userId, String sid) {
            return subject(Map.of("format", "complex", "user", userSubject(userId),
                    "session", Map.of("format", "opaque", "id", sid)));
        }

        public Draft client(String clientId) {
            return subject(Map.of("format", "opaque", "id", clientId));
        }

        public Draft subject(Map<String, Object> subject) {
            claims.claim("sub_id", subject);
            return this;
        }

        public Draft happenedAt(Instant instant) {
            members.put("event_timestamp", instant.getEpochSecond());
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

        public Draft issuedAt(Instant instant) {
            claims.issueTime(Date.from(instant));
            return this;
        }

        public Draft jti(String jti) {
            claims.jwtID(jti);
            return this;
        }

        public Draft type(String typ) {
            this.typ = typ == null ? null : new JOSEObjectType(typ);
            return this;
        }

        public Draft signedWith(RSAKey key) {
            this.key = key;
            return this;
        }

        public String sign() {
            return AccessTokens.signedRs256(typ, key, build());
        }

        /** The same claims with {@code alg: none}. */
        public String unsigned() {
            return new PlainJWT(build()).serialize();
        }

        private JWTClaimsSet build() {
            return claims.claim("events", Map.of(type, members)).build();
        }

        private Map<String, Object> userSubject(String userId) {
            return Map.of("format", "iss_sub", "iss", authServer.issuer(), "sub", userId);
        }
    }
}
