package dev.tollgate.auth.keys;

import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.JWKGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * The algorithm of new signing keys ({@code tollgate.keys.algorithm}). RS256 is what every client library accepts;
 * ES256 (P-256) signs several times faster and makes shorter tokens, for deployments whose resource servers and
 * relying parties accept it. It applies to every JWT the server signs, ID tokens included.
 */
public enum SigningAlgorithm {

    RS256(JWSAlgorithm.RS256) {
        @Override
        JWKGenerator<?> generator() {
            return new RSAKeyGenerator(2048);
        }
    },
    ES256(JWSAlgorithm.ES256) {
        @Override
        JWKGenerator<?> generator() {
            return new ECKeyGenerator(Curve.P_256);
        }
    };

    private final JWSAlgorithm jws;

    SigningAlgorithm(JWSAlgorithm jws) {
        this.jws = jws;
    }

    abstract JWKGenerator<?> generator();

    public JWSAlgorithm jws() {
        return jws;
    }

    /** A new private key with a random key id, marked for signatures with this algorithm. */
    JWK newKey(Date issuedAt) {
        try {
            return generator().keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE).algorithm(jws)
                    .issueTime(issuedAt).generate();
        }
        catch (JOSEException cannotHappenWithTheseParameters) {
            throw new IllegalStateException(cannotHappenWithTheseParameters);
        }
    }
}
