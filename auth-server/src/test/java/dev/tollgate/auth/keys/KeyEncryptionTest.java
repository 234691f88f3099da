package dev.tollgate.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class KeyEncryptionTest {

    private static final String PRIVATE_JWK = "{\"kty\":\"RSA\",\"d\":\"secret-exponent\"}";

    private final KeyEncryption encryption = withSecret("a-random-secret-of-32-bytes-or-more....");

    @Test
    void aKeyIsStoredUnreadableAndReadBackIntact() {
        String stored = encryption.encrypt(PRIVATE_JWK, "kid-1");

        assertThat(stored).startsWith("v1:").doesNotContain("secret-exponent");
        assertThat(encryption.encrypt(PRIVATE_JWK, "kid-1")).as("fresh nonce each time").isNotEqualTo(stored);
        assertThat(encryption.decrypt(stored, "kid-1")).isEqualTo(PRIVATE_JWK);
    }

    @Test
    void aKeyMovedToAnotherRowDoesNotDecrypt() {
        String stored = encryption.encrypt(PRIVATE_JWK, "kid-1");

        assertThatThrownBy(() -> encryption.decrypt(stored, "kid-2")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anotherSecretCannotDecrypt() {
        String stored = encryption.encrypt(PRIVATE_JWK, "kid-1");

        assertThatThrownBy(() -> withSecret("another-secret").decrypt(stored, "kid-1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("encryption-secret");
    }

    private static KeyEncryption withSecret(String secret) {
        return new KeyEncryption(new KeyProperties(secret, Duration.ofDays(30), Duration.ofMinutes(10)));
    }
}
