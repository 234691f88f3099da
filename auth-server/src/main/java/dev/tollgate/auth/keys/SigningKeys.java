package dev.tollgate.auth.keys;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.stereotype.Component;

/**
 * The signing keys as the server reads them: the JWKS and token verification read every published key (this is the
 * {@link JWKSource}), the JWT encoder signs with the active one only ({@link #activeKeySource()}). The keys live in
 * the database, so every instance shares them and they survive restarts; this class only reads them, and keeps what
 * it read for at most 30 seconds, so that a rotation made by another instance reaches this one. Changing the keys
 * is {@link SigningKeyRotation}'s job, the first key {@link SigningKeyStartup}'s.
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext> {

    private static final Duration RELOAD_INTERVAL = Duration.ofSeconds(30);

    private final SigningKeyRepository keys;

    private final KeyEncryption encryption;

    private final Clock clock;

    // null until first read: the first key may only be created at start-up, after this bean exists
    private volatile PublishedKeys published;

    public SigningKeys(SigningKeyRepository keys, KeyEncryption encryption, Clock clock) {
        this.keys = keys;
        this.encryption = encryption;
        this.clock = clock;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return selector.select(current().all());
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

    /** Reads the keys again at once: after this instance changed them, it must not sign or publish the old ones. */
    synchronized void reload() {
        published = PublishedKeys.of(keys.findPublished(clock.instant()), encryption, clock.instant());
    }

    private PublishedKeys current() {
        PublishedKeys current = published;
        if (current == null || current.loadedAt().plus(RELOAD_INTERVAL).isBefore(clock.instant())) {
            reload();
            current = published;
        }
        return current;
    }
}
