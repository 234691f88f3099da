package dev.tollgate.auth.registration;

import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.secret.TollgatePasswordEncoder;

/**
 * How a registered client's secret is stored: Spring Authorization Server encodes it with this, so it is kept as
 * a {@code {sha256}} digest like every generated secret, never with the slow password hash.
 */
final class GeneratedSecretDigest implements PasswordEncoder {

    private final PasswordEncoder matcher = new TollgatePasswordEncoder();

    @Override
    public String encode(CharSequence generatedSecret) {
        return TollgatePasswordEncoder.digestOfGeneratedSecret(generatedSecret.toString());
    }

    @Override
    public boolean matches(CharSequence secret, String storedDigest) {
        return matcher.matches(secret, storedDigest);
    }
}
