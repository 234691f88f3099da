package dev.tollgate.auth.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.io.ClassPathResource;
import org.springframework.security.authentication.password.CompromisedPasswordChecker;
import org.springframework.security.authentication.password.CompromisedPasswordDecision;
import org.springframework.stereotype.Component;

/**
 * NIST SP 800-63B rules for passwords people choose: at least 12 characters (Unicode, normalised), at most the 72
 * bytes that bcrypt reads (UTF-8, as typed: a longer password would be cut silently, so any two that share their
 * first 72 bytes would match each other), not in the shipped list of the most common breached passwords, not the
 * username; no composition rules. Every new password goes through it, by {@link NewPasswords}; existing ones are
 * only checked when they change.
 */
@Component
public class PasswordPolicy implements CompromisedPasswordChecker {

    public static final int MIN_LENGTH = 12;

    /** bcrypt hashes the first 72 bytes of the password and ignores the rest. */
    public static final int MAX_BYTES = 72;

    private static final String COMMON_PASSWORDS = "password/common-passwords.txt";

    private final Set<String> commonPasswords = load();

    /** Why the password is refused, in words for the person choosing it (English), or empty if it is acceptable. */
    public Optional<String> refusal(String password, String username) {
        return refusalOf(password, username).map(UnacceptablePasswordException::getMessage);
    }

    public void requireAcceptable(String password, String username) {
        refusalOf(password, username).ifPresent(refused -> {
            throw refused;
        });
    }

    private Optional<UnacceptablePasswordException> refusalOf(String password, String username) {
        if (password == null) {
            return refused("password.refused.missing", "Choose a password.");
        }
        String normalized = normalize(password);
        int length = normalized.codePointCount(0, normalized.length());
        if (length < MIN_LENGTH) {
            return refused("password.refused.too-short", "Use at least " + MIN_LENGTH + " characters.", MIN_LENGTH);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return refused("password.refused.too-long", "This password is too long: use at most " + MAX_BYTES
                    + " bytes. That is " + MAX_BYTES + " letters, digits or punctuation without accents; accented "
                    + "letters, other scripts and emoji take 2 to 4 bytes each.", MAX_BYTES);
        }
        if (isCommon(normalized)) {
            return refused("password.refused.common", "This password is one of the most common ones; choose another.");
        }
        if (username != null && normalized.equalsIgnoreCase(normalize(username))) {
            return refused("password.refused.username", "Do not use your username as your password.");
        }
        return Optional.empty();
    }

    private static Optional<UnacceptablePasswordException> refused(String code, String reason, Object... arguments) {
        return Optional.of(new UnacceptablePasswordException(code, reason, arguments));
    }

    @Override
    public CompromisedPasswordDecision check(String password) {
        return new CompromisedPasswordDecision(password != null && isCommon(normalize(password)));
    }

    private boolean isCommon(String normalized) {
        return commonPasswords.contains(normalized.toLowerCase(Locale.ROOT));
    }

    private static String normalize(String password) {
        return Normalizer.normalize(password == null ? "" : password, Normalizer.Form.NFKC);
    }

    private static Set<String> load() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new ClassPathResource(COMMON_PASSWORDS).getInputStream(), StandardCharsets.UTF_8))) {
            return lines.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.strip().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        }
        catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + COMMON_PASSWORDS, unreadable);
        }
    }
}
