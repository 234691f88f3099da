package dev.tollgate.auth.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.keys.SigningKeyRepository.StoredKey;

/**
 * Changes the signing keys: retires the active key and makes a new one active (when it is older than
 * {@code tollgate.keys.rotation-interval}, or on demand from {@code /admin/signing-keys}), and deletes retired keys
 * once no unexpired token can need them. A retired key stays published until the longest-lived token it can have
 * signed has expired. Safe with several instances on one database: only one of two rotations at the same time
 * retires the key, and the maintenance job holds a cluster lock ({@link SigningKeyConfig}).
 */
@Component
public class SigningKeyRotation {

    // covers tokens signed by instances that have not reloaded yet, and resource servers' clock skew
    static final Duration RETIREMENT_MARGIN = Duration.ofMinutes(2);

    private final SigningKeyRepository keys;

    private final SigningKeys signingKeys;

    private final KeyEncryption encryption;

    private final SignedTokenLifetimes tokenLifetimes;

    private final KeyProperties properties;

    private final TransactionOperations transactions;

    private final AuditLog audit;

    private final Clock clock;

    public SigningKeyRotation(SigningKeyRepository keys, SigningKeys signingKeys, KeyEncryption encryption,
            SignedTokenLifetimes tokenLifetimes, KeyProperties properties, TransactionOperations transactions,
            AuditLog audit, Clock clock) {
        this.keys = keys;
        this.signingKeys = signingKeys;
        this.encryption = encryption;
        this.tokenLifetimes = tokenLifetimes;
        this.properties = properties;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Retires the active key and makes a new one active. Answers the key id that signs now: the new one, or the one
     * another instance rotated to at the same time.
     */
    public String rotate() {
        String retiring = signingKeys.activeKid();
        Instant now = clock.instant();
        Instant publishUntil = publishRetiredKeyUntil(now, tokenLifetimes.longestSignedTokenLifetime());
        JWK next = properties.algorithm().newKey(Date.from(now));
        boolean rotated = Boolean.TRUE.equals(transactions.execute(transaction -> {
            if (!keys.retire(retiring, now, publishUntil)) {
                return false; // another instance retired it first
            }
            storeAsActive(next, now);
            return true;
        }));
        signingKeys.reload();
        if (rotated) {
            audit.record(SecurityEvent.of(SecurityEventType.SIGNING_KEY_ROTATED)
                    .with("kid", next.getKeyID())
                    .with("retired_kid", retiring)
                    .with("retired_key_published_until", publishUntil));
        }
        return signingKeys.activeKid();
    }

    /** Rotates if the active key is older than {@code tollgate.keys.rotation-interval}; true if it did. */
    public boolean rotateIfDue() {
        Instant now = clock.instant();
        boolean due = keys.findPublished(now).stream().filter(StoredKey::active).findFirst()
                .map(active -> isDue(active.createdAt(), properties.rotationInterval(), now))
                .orElse(true);
        if (due) {
            rotate();
        }
        return due;
    }

    /** Deletes retired keys that no unexpired token can need any more, so they leave the JWKS. */
    public List<String> removeExpired() {
        List<String> removed = keys.deleteUnpublished(clock.instant());
        removed.forEach(kid -> audit.record(SecurityEvent.of(SecurityEventType.SIGNING_KEY_REMOVED).with("kid", kid)));
        signingKeys.reload();
        return removed;
    }

    /**
     * Stores a new key of {@code tollgate.keys.algorithm} as the active one; a {@code DuplicateKeyException} if a key
     * is active already.
     */
    void activateNewKey() {
        Instant now = clock.instant();
        storeAsActive(properties.algorithm().newKey(Date.from(now)), now);
    }

    /** A key created at {@code createdAt} is due once it is older than the rotation interval. */
    static boolean isDue(Instant createdAt, Duration rotationInterval, Instant now) {
        return !createdAt.plus(rotationInterval).isAfter(now);
    }

    /** A key retired at {@code retiredAt} stays in the JWKS until every token it can have signed has expired. */
    static Instant publishRetiredKeyUntil(Instant retiredAt, Duration longestSignedTokenLifetime) {
        return retiredAt.plus(longestSignedTokenLifetime).plus(RETIREMENT_MARGIN);
    }

    private void storeAsActive(JWK key, Instant now) {
        keys.insertActive(key.getKeyID(), key.getAlgorithm().getName(), key.toPublicJWK().toJSONString(),
                encryption.encrypt(key.toJSONString(), key.getKeyID()), now);
    }
}
