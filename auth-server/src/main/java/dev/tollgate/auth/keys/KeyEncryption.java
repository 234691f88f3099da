package dev.tollgate.auth.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Encrypts private signing keys at rest with AES-256-GCM. The key is the SHA-256 of
 * {@code tollgate.keys.encryption-secret} (environment {@code TOLLGATE_KEY_ENCRYPTION_SECRET}; use a random value of
 * 32 bytes or more). The key id is authenticated with each ciphertext, so a row's key cannot be swapped into
 * another row. Stored form: {@code v1:} + base64(12-byte nonce, ciphertext and tag).
 */
@Component
public class KeyEncryption {

    private static final Log log = LogFactory.getLog(KeyEncryption.class);

    private static final String VERSION = "v1:";

    // Anyone can read this value in the sources: it only keeps keys out of casual sight in a local run.
    private static final String DEVELOPMENT_SECRET = "tollgate-development-only-key-encryption-secret";

    private static final int NONCE_BYTES = 12;

    private static final int TAG_BITS = 128;

    private final SecretKey key;

    private final SecureRandom random = new SecureRandom();

    public KeyEncryption(KeyProperties properties) {
        if (properties.usesDevelopmentSecret()) {
            log.warn("""

                    ************************************************************************************
                    * tollgate.keys.encryption-secret (TOLLGATE_KEY_ENCRYPTION_SECRET) is not set:     *
                    * private signing keys are encrypted with a PUBLIC DEVELOPMENT KEY.                *
                    * Fine for a local demo; in production set a random secret of 32+ bytes.           *
                    ************************************************************************************""");
        }
        this.key = new SecretKeySpec(sha256(properties.usesDevelopmentSecret() ? DEVELOPMENT_SECRET
                : properties.encryptionSecret()), "AES");
    }

    public String encrypt(String plaintext, String kid) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, kid, plaintext.getBytes(StandardCharsets.UTF_8));
        return VERSION + Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    }

    public String decrypt(String stored, String kid) {
        if (!isEncrypted(stored)) {
            throw new IllegalStateException("signing key " + kid + " is not encrypted");
        }
        byte[] bytes = Base64.getDecoder().decode(stored.substring(VERSION.length()));
        byte[] nonce = new byte[NONCE_BYTES];
        System.arraycopy(bytes, 0, nonce, 0, NONCE_BYTES);
        byte[] sealed = new byte[bytes.length - NONCE_BYTES];
        System.arraycopy(bytes, NONCE_BYTES, sealed, 0, sealed.length);
        return new String(cipher(Cipher.DECRYPT_MODE, nonce, kid, sealed), StandardCharsets.UTF_8);
    }

    public static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(VERSION);
    }

    private byte[] cipher(int mode, byte[] nonce, String kid, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        }
        catch (GeneralSecurityException wrongSecretOrTampered) {
            throw new IllegalStateException("cannot decrypt signing key " + kid
                    + ": tollgate.keys.encryption-secret differs from the one it was stored with", wrongSecretOrTampered);
        }
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException everyJvmHasSha256) {
            throw new IllegalStateException(everyJvmHasSha256);
        }
    }
}
