package dev.tollgate.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import org.junit.jupiter.api.Test;

import dev.tollgate.auth.keys.SigningKeyRepository.StoredKey;

/** How the rows of table signing_key become the keys the server signs with and publishes. */
class PublishedKeysTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final KeyEncryption encryption = new KeyEncryption(new KeyProperties("a-random-secret-of-32-bytes-or-more....",
            Duration.ofDays(30), Duration.ofMinutes(10), SigningAlgorithm.RS256));

    private final JWK activeKey = SigningAlgorithm.ES256.newKey(Date.from(NOW));

    private final JWK retiredKey = SigningAlgorithm.RS256.newKey(Date.from(NOW.minus(Duration.ofDays(30))));

    @Test
    void theActiveKeySignsWithItsDecryptedPrivateHalfAndRetiredKeysArePublishedWithoutOne() {
        PublishedKeys keys = PublishedKeys.of(List.of(active(activeKey), retired(retiredKey)), encryption, NOW);

        assertThat(keys.active()).isEqualTo(activeKey);
        assertThat(keys.active().isPrivate()).isTrue();
        assertThat(keys.all().getKeys()).extracting(JWK::getKeyID)
                .containsExactly(activeKey.getKeyID(), retiredKey.getKeyID());
        assertThat(keys.all().getKeyByKeyId(retiredKey.getKeyID()).isPrivate()).isFalse();
        assertThat(keys.loadedAt()).isEqualTo(NOW);
    }

    @Test
    void withoutAnActiveKeyNothingCanBeSigned() {
        assertThatThrownBy(() -> PublishedKeys.of(List.of(retired(retiredKey)), encryption, NOW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no active signing key");
    }

    @Test
    void aCorruptRowIsReportedAsSuch() {
        StoredKey corrupt = new StoredKey("corrupt", "RS256", "{not json", null, false, NOW, NOW, NOW.plusSeconds(60));

        assertThatThrownBy(() -> PublishedKeys.of(List.of(active(activeKey), corrupt), encryption, NOW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unreadable signing key");
    }

    private StoredKey active(JWK key) {
        return new StoredKey(key.getKeyID(), key.getAlgorithm().getName(), key.toPublicJWK().toJSONString(),
                encryption.encrypt(key.toJSONString(), key.getKeyID()), true, NOW, null, null);
    }

    private static StoredKey retired(JWK key) {
        return new StoredKey(key.getKeyID(), key.getAlgorithm().getName(), key.toPublicJWK().toJSONString(), null,
                false, NOW.minus(Duration.ofDays(30)), NOW, NOW.plus(Duration.ofHours(1)));
    }
}
