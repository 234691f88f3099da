package dev.tollgate.auth.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

class TollgatePasswordEncoderTest {

    private final TollgatePasswordEncoder encoder = new TollgatePasswordEncoder();

    @Test
    void newPasswordsAreHashedWithBcrypt() {
        String hash = encoder.encode("alice-password");
        assertThat(hash).startsWith("{bcrypt}");
        assertThat(encoder.matches("alice-password", hash)).isTrue();
        assertThat(encoder.upgradeEncoding(hash)).isFalse();
    }

    @Test
    void aGeneratedSecretIsStoredAsItsSha256DigestAndNeverRehashed() {
        String digest = SecretDigest.stored("demo-web-secret");
        assertThat(digest).matches("\\{sha256}[0-9a-f]{64}");
        assertThat(encoder.matches("demo-web-secret", digest)).isTrue();
        assertThat(encoder.matches("demo-web-secreT", digest)).isFalse();
        assertThat(encoder.upgradeEncoding(digest)).isFalse();
    }

    @Test
    void aMalformedDigestMatchesNothing() {
        assertThat(new SecretDigest().matches("x", "not-hex")).isFalse();
    }

    @Test
    void aLegacyPbkdf2HashMatchesAndAsksForAnUpgrade() {
        String legacy = "{pbkdf2@SpringSecurity_v5_8}"
                + Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8()
                        .encode("pw");
        assertThat(encoder.matches("pw", legacy)).isTrue();
        assertThat(encoder.upgradeEncoding(legacy)).isTrue();
    }
}
