package dev.tollgate.auth.keys;

import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The signing keys, kept in the database so that tokens and the JWKS survive restarts and are shared by every
 * instance. On start it creates an RSA key if none is active; the keys are then served from memory.
 */
@Component
public class DatabaseJwkSource implements JWKSource<SecurityContext> {

    private static final Log log = LogFactory.getLog(DatabaseJwkSource.class);

    private final SigningKeyRepository keys;

    private final JWKSet keySet;

    public DatabaseJwkSource(SigningKeyRepository keys) {
        this.keys = keys;
        ensureActiveKey();
        this.keySet = new JWKSet(keys.findAll());
    }

    @Override
    public List<JWK> get(JWKSelector jwkSelector, SecurityContext context) {
        return jwkSelector.select(keySet);
    }

    private void ensureActiveKey() {
        if (keys.findActiveKid().isPresent()) {
            return;
        }
        try {
            keys.insertActive(newRsaKey());
            log.info("Created a new RSA signing key");
        }
        catch (DuplicateKeyException anotherInstanceWasFaster) {
            log.info("Another instance created the signing key first; using it");
        }
    }

    private static JWK newRsaKey() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .issueTime(new Date())
                    .generate();
        }
        catch (JOSEException cannotHappenWithRsa2048) {
            throw new IllegalStateException(cannotHappenWithRsa2048);
        }
    }
}
