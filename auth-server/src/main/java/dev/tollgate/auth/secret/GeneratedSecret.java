package dev.tollgate.auth.secret;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A client secret Tollgate makes: 256 random bits, shown once ({@code value}, to hand to the client and never
 * store or log) and kept only as {@code storedDigest} ({@code {sha256}<hex>}, what the client registration
 * stores).
 */
public record GeneratedSecret(String value, String storedDigest) {

    public static final int BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    public static GeneratedSecret generate() {
        byte[] random = new byte[BYTES];
        RANDOM.nextBytes(random);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new GeneratedSecret(value, SecretDigest.stored(value));
    }

    @Override
    public String toString() {
        return "GeneratedSecret[value=<hidden>, storedDigest=" + storedDigest + "]";
    }
}
