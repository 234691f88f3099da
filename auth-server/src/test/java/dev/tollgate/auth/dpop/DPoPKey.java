package dev.tollgate.auth.dpop;

import java.net.URI;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.JWTID;

/** A client's DPoP key pair and the proofs it signs, made by the Nimbus OAuth 2.0 SDK. */
record DPoPKey(JWK jwk, DefaultDPoPProofFactory proofs) {

    static DPoPKey es256() throws JOSEException {
        JWK key = new ECKeyGenerator(Curve.P_256).generate();
        return new DPoPKey(key, new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256));
    }

    static DPoPKey rs256() throws JOSEException {
        JWK key = new RSAKeyGenerator(2048).generate();
        return new DPoPKey(key, new DefaultDPoPProofFactory(key, JWSAlgorithm.RS256));
    }

    SignedJWT proof(String method, URI uri) throws JOSEException {
        return proofs.createDPoPJWT(method, uri);
    }

    SignedJWT proof(String jti, String method, URI uri, Date issuedAt) throws JOSEException {
        return proofs.createDPoPJWT(new JWTID(jti), method, uri, issuedAt, null);
    }

    String thumbprint() throws JOSEException {
        return jwk.computeThumbprint().toString();
    }
}
