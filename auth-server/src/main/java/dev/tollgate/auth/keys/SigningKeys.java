package dev.tollgate.auth.keys;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.keys.SigningKeyRepository.StoredKey;

/**
 * The signing keys, kept in the database so that every instance shares them and they survive restarts. One key
 * signs; rotation retires it and a new one takes over, while the retired key stays in the JWKS until every token
 * it can have signed has expired. As a {@link JWKSource} this serves the JWKS and token verification; the JWT
 * encoder signs through {@link #activeKeySource()}. Each instance reloads the keys at least every 30 seconds, so a
 * rotation made by another instance reaches it.
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext> {

    private static final Log log = LogFactory.getLog(SigningKeys.class);

    private static final Duration RELOAD_INTERVAL = Duration.ofSeconds(30);

    // covers tokens signed by instances that have not reloaded yet, and resource servers' clock skew
    private static final Duration RETIREMENT_MARGIN = Duration.ofMinutes(2);

    private final SigningKeyRepository keys;

    private final KeyEncryption encryption;

    private final SignedTokenLifetimes tokenLifetimes;

    private final KeyProperties properties;

    private final TransactionOperations transactions;

    private final AuditLog audit;

    private final Clock clock;

    private volatile Snapshot snapshot;

    public SigningKeys(SigningKeyRepository keys, KeyEncryption encryption, SignedTokenLifetimes tokenLifetimes,
            KeyProperties properties, TransactionOperations transactions, AuditLog audit, Clock clock) {
        this.keys = keys;
        this.encryption = encryption;
        this.tokenLifetimes = tokenLifetimes;
        this.properties = properties;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        encryptPlaintextKeys();
        if (keys.findPublished(clock.instant()).stream().noneMatch(StoredKey::active)) {
            createActiveKey();
        }
        reload();
        if (!properties.algorithm().jws().equals(activeAlgorithm())) {
            log.info("The active signing key is " + activeAlgorithm() + ", tollgate.keys.algorithm is "
                    + properties.algorithm() + ": rotating to a new " + properties.algorithm() + " key");
            rotate();
        }
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return selector.select(current().published());
    }

    /** Only the key that signs now, with its private half: what the JWT encoder picks from. */
    public JWKSource<SecurityContext> activeKeySource() {
        return (selector, context) -> selector.select(new JWKSet(current().active()));
    }

    /** The algorithm of the key that signs now: every JWT's {@code alg}. */
    public JWSAlgorithm activeAlgorithm() {
        return JWSAlgorithm.parse(current().active().getAlgorithm().getName());
    }

    /** The key id that signs new tokens. */
    public String activeKid() {
        return current().active().getKeyID();
    }

    /**
     * Retires the active key and makes a new one active. Retired keys stay published until the longest-lived
     * token they can have signed has expired. Answers the new key id.
     */
    public String rotate() {
        String retiring = current().active().getKeyID();
        Instant now = clock.instant();
        Instant publishUntil = now.plus(tokenLifetimes.longestSignedTokenLifetime()).plus(RETIREMENT_MARGIN);
        JWK next = properties.algorithm().newKey(Date.from(now));
        boolean rotated = Boolean.TRUE.equals(transactions.execute(transaction -> {
            if (!keys.retire(retiring, now, publishUntil)) {
                return false;
            }
            insertActive(next, now);
            return true;
        }));
        reload();
        if (rotated) {
            audit.record(SecurityEvent.of(SecurityEventType.SIGNING_KEY_ROTATED)
                    .with("kid", next.getKeyID())
                    .with("retired_kid", retiring)
                    .with("retired_key_published_until", publishUntil));
        }
        return activeKid();
    }

    /** Rotates if the active key is older than {@code tollgate.keys.rotation-interval}; true if it did. */
    public boolean rotateIfDue() {
        Optional<StoredKey> active = keys.findPublished(clock.instant()).stream().filter(StoredKey::active).findFirst();
        if (active.isPresent() && active.get().createdAt().plus(properties.rotationInterval()).isAfter(clock.instant())) {
            return false;
        }
        rotate();
        return true;
    }

    /** Deletes retired keys that no unexpired token can need any more, so they leave the JWKS. */
    public List<String> removeExpired() {
        List<String> removed = keys.deleteUnpublished(clock.instant());
        removed.forEach(kid -> audit.record(SecurityEvent.of(SecurityEventType.SIGNING_KEY_REMOVED).with("kid", kid)));
        reload();
        return removed;
    }

    /** Every stored key, for the admin page; never the private halves. */
    public List<StoredKey> describe() {
        return keys.findAll().stream()
                .map(key -> new StoredKey(key.kid(), key.algorithm(), key.publicJwk(), null, key.active(),
                        key.createdAt(), key.retiredAt(), key.publishUntil()))
                .toList();
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current.loadedAt().plus(RELOAD_INTERVAL).isBefore(clock.instant())) {
            reload();
            current = snapshot;
        }
        return current;
    }

    private synchronized void reload() {
        List<JWK> published = new ArrayList<>();
        JWK active = null;
        for (StoredKey key : keys.findPublished(clock.instant())) {
            if (key.active()) {
                active = parse(encryption.decrypt(key.privateJwk(), key.kid()));
                published.add(active);
            }
            else {
                published.add(parse(key.publicJwk()));
            }
        }
        if (active == null) {
            throw new IllegalStateException("no active signing key in table signing_key");
        }
        snapshot = new Snapshot(new JWKSet(published), active, clock.instant());
    }

    /** Keys written before encryption at rest (V3) are encrypted in place on start. */
    private void encryptPlaintextKeys() {
        keys.findAll().stream()
                .filter(key -> key.privateJwk() != null && !KeyEncryption.isEncrypted(key.privateJwk()))
                .forEach(key -> keys.replacePrivateJwk(key.kid(), encryption.encrypt(key.privateJwk(), key.kid())));
    }

    private void createActiveKey() {
        try {
            insertActive(properties.algorithm().newKey(Date.from(clock.instant())), clock.instant());
            log.info("Created a new " + properties.algorithm() + " signing key");
        }
        catch (DuplicateKeyException anotherInstanceWasFaster) {
            log.info("Another instance created the signing key first; using it");
        }
    }

    private void insertActive(JWK key, Instant now) {
        keys.insertActive(key.getKeyID(), key.getAlgorithm().getName(), key.toPublicJWK().toJSONString(),
                encryption.encrypt(key.toJSONString(), key.getKeyID()), now);
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        }
        catch (ParseException corrupt) {
            throw new IllegalStateException("unreadable signing key in table signing_key", corrupt);
        }
    }

    private record Snapshot(JWKSet published, JWK active, Instant loadedAt) {
    }
}
