package dev.tollgate.auth.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The digest of a generated secret: SHA-256, in hex. For high-entropy, machine-generated secrets only (client
 * secrets, tokens, codes, session ids): a slow hash adds nothing when the secret cannot be guessed, and would make
 * every client authentication cost a bcrypt round. Never use it for passwords people choose.
 */
public final class SecretDigest implements PasswordEncoder {

    public static final String ID = "sha256";

    private static final String STORED_PREFIX = "{" + ID + "}";

    /** The digest as a client registration stores it, {@code {sha256}<hex>}: {@link TollgatePasswordEncoder} matches it. */
    public static String stored(String secret) {
        return STORED_PREFIX + new SecretDigest().encode(secret);
    }

    /** Whether {@code encoded} is a stored secret digest (which is never re-hashed as a password would be). */
    static boolean isStored(String encoded) {
        return encoded.startsWith(STORED_PREFIX);
    }

    @Override
    public String encode(CharSequence rawSecret) {
        return HexFormat.of().formatHex(digest(rawSecret));
    }

    @Override
    public boolean matches(CharSequence rawSecret, String encodedSecret) {
        if (rawSecret == null || encodedSecret == null) {
            return false;
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(encodedSecret);
        }
        catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(expected, digest(rawSecret));
    }

    private static byte[] digest(CharSequence rawSecret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(rawSecret.toString().getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException everyJvmHasSha256) {
            throw new IllegalStateException(everyJvmHasSha256);
        }
    }
}
