package dev.tollgate.auth.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.HmacOneTimePasswordGenerator;

/**
 * Time-based one-time passwords as authenticator apps make them (RFC 6238 with the parameters every app supports:
 * HMAC-SHA-1, 6 digits, 30-second steps from the Unix epoch). A code is accepted for the current step and one step
 * either side (RFC 6238 section 5.2), for clocks a little apart and codes typed at the end of their step. The HMAC
 * and the dynamic truncation are java-otp's (RFC 4226); this class only counts the steps.
 */
final class TotpCodes {

    static final Duration STEP = Duration.ofSeconds(30);

    static final int DIGITS = 6;

    /** RFC 4226 section 4 asks for 128 bits at least and recommends 160, the size of an HMAC-SHA-1 key. */
    static final int SECRET_BYTES = 20;

    private static final int TOLERATED_STEPS = 1;

    private static final String HMAC = "HmacSHA1";

    private static final SecureRandom RANDOM = new SecureRandom();

    private TotpCodes() {
    }

    static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The time step of an instant: whole {@link #STEP}s since the Unix epoch. */
    static long stepAt(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), STEP.toSeconds());
    }

    /** The code of a time step, as many digits as asked (RFC 6238's test vectors use 8). */
    static String codeAt(byte[] secret, long step, int digits) {
        try {
            return new HmacOneTimePasswordGenerator(digits)
                    .generateOneTimePasswordString(new SecretKeySpec(secret, HMAC), step, Locale.ROOT);
        }
        catch (InvalidKeyException impossible) {
            throw new IllegalStateException("an HMAC-SHA-1 key of any length is valid", impossible);
        }
    }

    /** The step whose code {@code code} is, among the steps accepted at {@code now}; the newest first. */
    static OptionalLong matchingStep(byte[] secret, String code, Instant now) {
        if (code.length() != DIGITS || !code.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        long current = stepAt(now);
        for (long step = current + TOLERATED_STEPS; step >= current - TOLERATED_STEPS; step--) {
            if (MessageDigest.isEqual(codeAt(secret, step, DIGITS).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }
}
