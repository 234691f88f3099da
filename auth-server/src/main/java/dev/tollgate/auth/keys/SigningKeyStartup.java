package dev.tollgate.auth.keys;

import java.time.Clock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.keys.SigningKeyRepository.StoredKey;

/**
 * What the signing keys need once at start: private keys stored before encryption at rest get encrypted, an empty
 * table gets its first key, and a changed {@code tollgate.keys.algorithm} rotates to a key of the new algorithm.
 * It runs once every bean exists and before the web server opens its port (a lifecycle phase ahead of the web
 * server's), so no request, not even one that skipped the readiness probe, finds the table without an active key.
 */
@Component
class SigningKeyStartup implements SmartLifecycle {

    // Lifecycle beans start in ascending phase; the embedded web server starts near Integer.MAX_VALUE
    private static final int BEFORE_THE_WEB_SERVER = 0;

    private static final Log log = LogFactory.getLog(SigningKeyStartup.class);

    private final SigningKeyRepository keys;

    private final SigningKeys signingKeys;

    private final SigningKeyRotation rotation;

    private final KeyEncryption encryption;

    private final KeyProperties properties;

    private final Clock clock;

    SigningKeyStartup(SigningKeyRepository keys, SigningKeys signingKeys, SigningKeyRotation rotation,
            KeyEncryption encryption, KeyProperties properties, Clock clock) {
        this.keys = keys;
        this.signingKeys = signingKeys;
        this.rotation = rotation;
        this.encryption = encryption;
        this.properties = properties;
        this.clock = clock;
    }

    private volatile boolean started;

    @Override
    public int getPhase() {
        return BEFORE_THE_WEB_SERVER;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public void stop() {
        started = false;
    }

    @Override
    public void start() {
        prepareKeys();
        started = true;
    }

    private void prepareKeys() {
        encryptPlaintextKeys();
        if (keys.findPublished(clock.instant()).stream().noneMatch(StoredKey::active)) {
            createFirstKey();
        }
        signingKeys.reload();
        if (!properties.algorithm().jws().equals(signingKeys.activeAlgorithm())) {
            log.info("The active signing key is " + signingKeys.activeAlgorithm() + ", tollgate.keys.algorithm is "
                    + properties.algorithm() + ": rotating to a new " + properties.algorithm() + " key");
            rotation.rotate();
        }
    }

    /** Keys written before encryption at rest (V3) are encrypted in place. */
    private void encryptPlaintextKeys() {
        keys.findAll().stream()
                .filter(key -> key.privateJwk() != null && !KeyEncryption.isEncrypted(key.privateJwk()))
                .forEach(key -> keys.replacePrivateJwk(key.kid(), encryption.encrypt(key.privateJwk(), key.kid())));
    }

    /** Instances starting together on an empty database all try; the database lets one key be active. */
    private void createFirstKey() {
        try {
            rotation.activateNewKey();
            log.info("Created a new " + properties.algorithm() + " signing key");
        }
        catch (DuplicateKeyException anotherInstanceWasFaster) {
            log.info("Another instance created the signing key first; using it");
        }
    }
}
