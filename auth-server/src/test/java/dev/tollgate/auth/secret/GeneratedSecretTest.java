package dev.tollgate.auth.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class GeneratedSecretTest {

    @Test
    void aGeneratedSecretHas256RandomBitsAndIsKeptOnlyAsItsDigest() {
        GeneratedSecret secret = GeneratedSecret.generate();

        assertThat(Base64.getUrlDecoder().decode(secret.value())).hasSize(32);
        assertThat(secret.storedDigest()).matches("\\{sha256}[0-9a-f]{64}").doesNotContain(secret.value());
        assertThat(new TollgatePasswordEncoder().matches(secret.value(), secret.storedDigest())).isTrue();
        assertThat(GeneratedSecret.generate().value()).isNotEqualTo(secret.value());
    }

    @Test
    void itsTextFormNeverShowsTheSecret() {
        GeneratedSecret secret = GeneratedSecret.generate();
        assertThat(secret.toString()).doesNotContain(secret.value()).contains(secret.storedDigest());
    }
}
