package dev.tollgate.auth.authorization;

import java.text.ParseException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.AuthServerProperties;
import dev.tollgate.auth.keys.SigningKeys;

/**
 * JWT access tokens of the client_credentials grant are not stored when issued: the token is its own record, and an
 * INSERT per token was a third of the token endpoint's cost. Introspection and revocation still need an authorization,
 * so one is rebuilt here from a token this server signed (signature checked against the published keys, issuer,
 * {@code typ at+jwt}, subject = client id, the client still registered). Revoking such a token stores its row,
 * invalidated, until the token expires: the row is found first by the token's digest, so a revoked token is inactive at
 * once (README "Token lifetimes, rotation and revocation"). User tokens are always stored and never come through here.
 */
@Component
public class StatelessClientTokens {

    /** RFC 9068 media type of JWT access tokens, so they can never be mistaken for ID tokens. */
    public static final String ACCESS_TOKEN_JWT_TYPE = "at+jwt";

    private final SigningKeys signingKeys;

    private final RegisteredClientRepository clients;

    private final String issuer;

    private final Clock clock;

    public StatelessClientTokens(SigningKeys signingKeys, RegisteredClientRepository clients,
            AuthServerProperties properties, Clock clock) {
        this.signingKeys = signingKeys;
        this.clients = clients;
        this.issuer = properties.issuer();
        this.clock = clock;
    }

    /** True for what is not stored at issue: a client_credentials grant whose access token is a JWT. */
    static boolean isStateless(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2AccessToken> accessToken = authorization.getAccessToken();
        return AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())
                && accessToken != null
                && OAuth2TokenFormat.SELF_CONTAINED.getValue()
                        .equals(accessToken.getMetadata(OAuth2TokenFormat.class.getName()));
    }

    /** The authorization of an unexpired client_credentials JWT this server signed; empty for anything else. */
    public Optional<OAuth2Authorization> authorizationOf(String token) {
        if (token.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (jwt.getHeader().getType() == null
                    || !ACCESS_TOKEN_JWT_TYPE.equals(jwt.getHeader().getType().getType())
                    || !verified(jwt)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            String clientId = claims.getStringClaim("client_id");
            if (clientId == null || !clientId.equals(claims.getSubject()) || !issuer.equals(claims.getIssuer())
                    || claims.getJWTID() == null || claims.getIssueTime() == null || claims.getExpirationTime() == null
                    || !claims.getExpirationTime().toInstant().isAfter(clock.instant())) {
                return Optional.empty();
            }
            RegisteredClient client = clients.findByClientId(clientId);
            if (client == null) {
                return Optional.empty();
            }
            return Optional.of(authorization(token, claims, client));
        }
        catch (ParseException | JOSEException notOurs) {
            return Optional.empty();
        }
    }

    private boolean verified(SignedJWT jwt) throws JOSEException {
        String kid = jwt.getHeader().getKeyID();
        if (kid == null) {
            return false;
        }
        List<JWK> keys = signingKeys.get(new JWKSelector(new JWKMatcher.Builder().keyID(kid).build()), null);
        if (keys.isEmpty()) {
            return false;
        }
        JWK key = keys.get(0);
        JWSVerifier verifier = key instanceof ECKey ec ? new ECDSAVerifier(ec.toECPublicKey())
                : new RSASSAVerifier(((RSAKey) key).toRSAPublicKey());
        return jwt.verify(verifier);
    }

    private static OAuth2Authorization authorization(String token, JWTClaimsSet claims, RegisteredClient client) {
        Set<String> scopes = scopes(claims);
        // RFC 9449 §6: a token bound to a key (cnf.jkt) is a DPoP token, which introspection reports as its type
        boolean bound = claims.getClaim("cnf") instanceof Map<?, ?> confirmation && confirmation.get("jkt") != null;
        OAuth2AccessToken.TokenType type = bound ? OAuth2AccessToken.TokenType.DPOP : OAuth2AccessToken.TokenType.BEARER;
        OAuth2AccessToken accessToken = new OAuth2AccessToken(type, token,
                claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant(), scopes);
        Map<String, Object> values = new LinkedHashMap<>();
        // the stored form of a token's claims has instants, as the JWT encoder produced them
        claims.getClaims().forEach((name, value) -> values.put(name, value instanceof Date date ? date.toInstant() : value));
        return OAuth2Authorization.withRegisteredClient(client)
                .id(claims.getJWTID())
                .principalName(client.getClientId())
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .authorizedScopes(scopes)
                .token(accessToken, metadata -> {
                    metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, values);
                    metadata.put(OAuth2TokenFormat.class.getName(), OAuth2TokenFormat.SELF_CONTAINED.getValue());
                })
                .build();
    }

    private static Set<String> scopes(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        if (scope instanceof String text && !text.isBlank()) {
            return new LinkedHashSet<>(Arrays.asList(text.trim().split("\\s+")));
        }
        return Set.of();
    }
}
