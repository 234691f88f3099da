package dev.tollgate.auth.support;

import java.text.ParseException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jwt.SignedJWT;

/** Checks a JWT's signature against the server's published JWKS, as a resource server would. */
public final class SignedTokens {

    private SignedTokens() {
    }

    public static SignedJWT verified(String token, OAuthHttp http) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWK key = JWKSet.parse(http.get("/oauth2/jwks").body()).getKeyByKeyId(jwt.getHeader().getKeyID());
            if (key == null) {
                throw new AssertionError("no key " + jwt.getHeader().getKeyID() + " in the JWKS");
            }
            JWSVerifier verifier = key.getKeyType() == KeyType.EC ? new ECDSAVerifier(key.toECKey())
                    : new RSASSAVerifier(key.toRSAKey());
            if (!jwt.verify(verifier)) {
                throw new AssertionError("bad signature");
            }
            return jwt;
        }
        catch (ParseException | JOSEException invalid) {
            throw new AssertionError(invalid);
        }
    }
}
