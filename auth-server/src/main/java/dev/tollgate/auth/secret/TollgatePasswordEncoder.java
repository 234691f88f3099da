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
                SecretDigest.ID, new SecretDigest(),
                "pbkdf2@SpringSecurity_v5_8", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
    }

    /**
     * For secrets Tollgate generates (dynamic client registration): Spring Authorization Server encodes the new
     * secret with this, so it is stored as its {@link SecretDigest}, never with the slow password hash.
     */
    public static PasswordEncoder forGeneratedSecrets() {
        TollgatePasswordEncoder matcher = new TollgatePasswordEncoder();
        return new PasswordEncoder() {

            @Override
            public String encode(CharSequence generatedSecret) {
                return SecretDigest.stored(generatedSecret.toString());
            }

            @Override
            public boolean matches(CharSequence secret, String storedDigest) {
                return matcher.matches(secret, storedDigest);
            }
        };
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
        return encodedPassword != null && !SecretDigest.isStored(encodedPassword)
                && delegate.upgradeEncoding(encodedPassword);
    }
}
