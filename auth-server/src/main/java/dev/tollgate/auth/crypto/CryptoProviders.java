package dev.tollgate.auth.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.function.Supplier;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * Which JCA provider computes signatures, digests and random numbers. Nimbus JOSE signs through JCA, and the JDK's
 * own RSA and ECDSA are the floor of the token endpoint's cost; Amazon Corretto Crypto Provider (native, AWS-LC)
 * signs RS256 about 4 times and ES256 about 20 times faster. It only exists for Linux on x86-64 here: anywhere its
 * native library cannot load, the JDK's providers do the work, exactly as before.
 */
public final class CryptoProviders {

    static final String NATIVE_PROVIDER = "AmazonCorrettoCryptoProvider";

    private CryptoProviders() {
    }

    /**
     * Puts the native provider first when {@code wanted} and it loads; otherwise changes nothing. Answers what now
     * signs RS256 and why.
     */
    public static Outcome install(boolean wanted, Supplier<Provider> nativeProvider) {
        if (!wanted) {
            return new Outcome(rsaSigner(), "the native provider is turned off (tollgate.crypto.native-provider)");
        }
        if (Security.getProvider(NATIVE_PROVIDER) == null) {
            try {
                Security.insertProviderAt(nativeProvider.get(), 1);
            }
            catch (RuntimeException | LinkageError unavailable) {
                return new Outcome(rsaSigner(), "the native provider cannot load here: " + unavailable);
            }
        }
        return new Outcome(rsaSigner(), "native provider installed first");
    }

    /** Amazon Corretto Crypto Provider, if its native library loaded on this OS and CPU; throws otherwise. */
    public static Provider amazonCorretto() {
        AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
        provider.assertHealthy();
        return provider;
    }

    static String rsaSigner() {
        try {
            return Signature.getInstance("SHA256withRSA").getProvider().getName();
        }
        catch (NoSuchAlgorithmException everyJvmHasIt) {
            throw new IllegalStateException(everyJvmHasIt);
        }
    }

    /** The provider that signs RS256 after {@link #install}, and the reason. */
    public record Outcome(String signingProvider, String reason) {
    }
}
