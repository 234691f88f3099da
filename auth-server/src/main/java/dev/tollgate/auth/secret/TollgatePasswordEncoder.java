package dev.tollgate.auth.secret;

import java.util.Map;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

/**
 * The one encoder for user passwords and client secrets: {@code {bcrypt}} by default, {@code {sha256}} for
 * generated client secrets, {@code {pbkdf2@SpringSecurity_v5_8}} only so that imported hashes still match and get
 * upgraded to bcrypt on the next sign-in, as is a bcrypt hash of a lower strength than configured. A
 * {@code {sha256}} digest is never "upgraded": Spring Authorization Server would otherwise re-hash every client
 * secret with bcrypt on its first use.
 */
public final class TollgatePasswordEncoder implements PasswordEncoder {

    private static final String SHA256_PREFIX = "{" + Sha256SecretEncoder.ID + "}";

    /** BCrypt's own default cost. */
    public static final int DEFAULT_BCRYPT_STRENGTH = 10;

    private final DelegatingPasswordEncoder delegate;

    public TollgatePasswordEncoder() {
        this(DEFAULT_BCRYPT_STRENGTH);
    }

    /** A stored bcrypt hash of a lower strength than {@code bcryptStrength} is upgraded on the next sign-in. */
    public TollgatePasswordEncoder(int bcryptStrength) {
        delegate = new DelegatingPasswordEncoder("bcrypt", Map.of(
                "bcrypt", new BCryptPasswordEncoder(bcryptStrength),
                Sha256SecretEncoder.ID, new Sha256SecretEncoder(),
                "pbkdf2@SpringSecurity_v5_8", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
    }

    /** Encodes a high-entropy generated secret as {@code {sha256}<hex>}. */
    public static String digestOfGeneratedSecret(String secret) {
        return SHA256_PREFIX + new Sha256SecretEncoder().encode(secret);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return delegate.matches(rawPassword, encodedPassword);
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return encodedPassword != null && !encodedPassword.startsWith(SHA256_PREFIX)
                && delegate.upgradeEncoding(encodedPassword);
    }
}
