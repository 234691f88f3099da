package dev.tollgate.auth.device;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * The codes of a device authorization request (RFC 8628 §3.2, §6.1), timed by the application's clock: a device code
 * of 256 random bits, and a user code of eight letters from an alphabet without vowels or look-alikes (20^8, about
 * 2^34.6 codes: with the guessing limit and ten minutes of life, a guess is hopeless), shown as {@code XXXX-XXXX}
 * (Spring Authorization Server accepts it in any case, with or without the dash).
 */
final class DeviceCodes {

    /** How long both codes live (RFC 8628 §3.2 {@code expires_in}). */
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

    private static final int LENGTH = 8;

    private final SecureRandom random = new SecureRandom();

    private final StringKeyGenerator deviceCodes = new Base64StringKeyGenerator(
            Base64.getUrlEncoder().withoutPadding(), 32);

    private final Clock clock;

    DeviceCodes(Clock clock) {
        this.clock = clock;
    }

    OAuth2TokenGenerator<OAuth2DeviceCode> deviceCodeGenerator() {
        return (OAuth2TokenContext context) -> {
            Instant now = clock.instant();
            return new OAuth2DeviceCode(deviceCodes.generateKey(), now, now.plus(LIFETIME));
        };
    }

    OAuth2TokenGenerator<OAuth2UserCode> userCodeGenerator() {
        return (OAuth2TokenContext context) -> {
            Instant now = clock.instant();
            return new OAuth2UserCode(newUserCode(), now, now.plus(LIFETIME));
        };
    }

    private String newUserCode() {
        StringBuilder code = new StringBuilder(LENGTH + 1);
        for (int i = 0; i < LENGTH; i++) {
            if (i == LENGTH / 2) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
