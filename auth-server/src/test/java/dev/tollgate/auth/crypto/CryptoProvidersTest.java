package dev.tollgate.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.Security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Both paths: the native provider where it loads, the JDK's where it cannot (or is turned off). */
class CryptoProvidersTest {

    @AfterEach
    void restoreWhatTheApplicationInstalls() {
        CryptoProviders.install(true, CryptoProviders::amazonCorretto);
    }

    @Test
    void onLinuxX86TheNativeProviderSignsTokensAndTheJdkVerifiesThem() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64"), "the native library is built for Linux x86-64");
        Security.removeProvider(CryptoProviders.NATIVE_PROVIDER);

        CryptoProviders.Outcome outcome = CryptoProviders.install(true, CryptoProviders::amazonCorretto);

        assertThat(outcome.signingProvider()).isEqualTo(CryptoProviders.NATIVE_PROVIDER);
        RSAKey key = new RSAKeyGenerator(2048).generate();
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload("{\"sub\":\"alice\"}"));
        jws.sign(new RSASSASigner(key));
        Security.removeProvider(CryptoProviders.NATIVE_PROVIDER);
        assertThat(JWSObject.parse(jws.serialize()).verify(new RSASSAVerifier(key.toRSAPublicKey()))).isTrue();
    }

    @Test
    void whereTheNativeLibraryCannotLoadTheJdkSignsAndStartUpGoesOn() {
        Security.removeProvider(CryptoProviders.NATIVE_PROVIDER);

        CryptoProviders.Outcome outcome = CryptoProviders.install(true, () -> {
            throw new UnsatisfiedLinkError("no native library for this platform");
        });

        assertThat(outcome.signingProvider()).isEqualTo("SunRsaSign");
        assertThat(outcome.reason()).contains("cannot load").contains("no native library for this platform");
        assertThat(Security.getProvider(CryptoProviders.NATIVE_PROVIDER)).isNull();
    }

    @Test
    void turnedOffTheJdkProvidersStay() {
        Security.removeProvider(CryptoProviders.NATIVE_PROVIDER);

        CryptoProviders.Outcome outcome = CryptoProviders.install(false, CryptoProviders::amazonCorretto);

        assertThat(outcome.signingProvider()).isEqualTo("SunRsaSign");
        assertThat(Security.getProvider(CryptoProviders.NATIVE_PROVIDER)).isNull();
    }
}
