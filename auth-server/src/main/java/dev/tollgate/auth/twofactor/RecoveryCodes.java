package dev.tollgate.auth.twofactor;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import dev.tollgate.auth.secret.SecretDigest;

/**
 * One-time recovery codes: ten per enrolment, each 50 random bits written as two groups of five characters of the
 * base 32 alphabet ({@code k7cqa-m2x4d}), shown once and kept as digests. They are machine-made and long enough that
 * a plain SHA-256 digest suffices (see {@link SecretDigest}); typed back, case, spaces and dashes do not matter.
 */
final class RecoveryCodes {

    static final int COUNT = 10;

    private static final int CHARACTERS = 10;

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final SecretDigest DIGEST = new SecretDigest();

    private RecoveryCodes() {
    }

    static List<String> generate() {
        return IntStream.range(0, COUNT).mapToObj(index -> newCode()).toList();
    }

    /** The digest a code is stored as, of its normalized form; null for text that cannot be a recovery code. */
    static String digestOf(String typed) {
        String normalized = typed.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
        if (normalized.length() != CHARACTERS || !normalized.chars().allMatch(RecoveryCodes::inAlphabet)) {
            return null;
        }
        return DIGEST.encode("recovery-code:" + normalized);
    }

    private static boolean inAlphabet(int character) {
        return (character >= 'a' && character <= 'z') || (character >= '2' && character <= '7');
    }

    private static String newCode() {
        StringBuilder code = new StringBuilder(CHARACTERS + 1);
        for (int index = 0; index < CHARACTERS; index++) {
            if (index == CHARACTERS / 2) {
                code.append('-');
            }
            code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }
}
