package dev.tollgate.auth.twofactor;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.auth.keys.KeyEncryption;

/**
 * The users' TOTP authenticators and recovery codes in the database. Secrets are encrypted at rest with the key that
 * encrypts the signing keys ({@code tollgate.keys.encryption-secret}), bound to their user, so that a row's secret
 * cannot be moved to another user's row. Recovery codes are kept as digests only. Accepting a code and using a
 * recovery code are single statements whose row count says whether this request was the one that used it: two
 * requests presenting the same code at the same moment cannot both succeed.
 */
@Repository
class TotpAuthenticators {

    private final JdbcClient jdbc;

    private final KeyEncryption encryption;

    private final Clock clock;

    TotpAuthenticators(JdbcClient jdbc, KeyEncryption encryption, Clock clock) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.clock = clock;
    }

    /** Whether the user has a confirmed authenticator, so that signing in takes a code. */
    boolean isEnabled(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM totp_authenticator WHERE user_id = ? AND confirmed_at IS NOT NULL")
                .param(userId).query(Long.class).single() > 0;
    }

    /** The secret of a confirmed authenticator ({@code confirmed}) or of an enrolment not yet confirmed. */
    Optional<byte[]> secret(UUID userId, boolean confirmed) {
        return jdbc.sql("SELECT secret FROM totp_authenticator WHERE user_id = ? AND (confirmed_at IS NOT NULL) = ?")
                .params(userId, confirmed)
                .query(String.class).optional()
                .map(stored -> Base64.getDecoder().decode(encryption.decrypt(stored, associatedData(userId))));
    }

    /** Starts an enrolment with a new secret, replacing one not yet confirmed; false when TOTP is already on. */
    @Transactional
    boolean startEnrolment(UUID userId, byte[] secret) {
        if (isEnabled(userId)) {
            return false;
        }
        jdbc.sql("DELETE FROM totp_authenticator WHERE user_id = ?").param(userId).update();
        jdbc.sql("INSERT INTO totp_authenticator (user_id, secret, created_at) VALUES (?, ?, ?)")
                .params(userId, encryption.encrypt(Base64.getEncoder().encodeToString(secret), associatedData(userId)),
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return true;
    }

    /**
     * Turns the enrolment on with the step of the code that confirmed it (used up like any other code) and the
     * digests of its recovery codes; false when there was no enrolment to confirm (confirmed meanwhile, or removed).
     */
    @Transactional
    boolean confirm(UUID userId, long step, List<String> recoveryCodeDigests) {
        int confirmed = jdbc.sql("""
                        UPDATE totp_authenticator SET confirmed_at = ?, last_used_step = ?
                        WHERE user_id = ? AND confirmed_at IS NULL
                        """)
                .params(clock.instant().atOffset(ZoneOffset.UTC), step, userId).update();
        if (confirmed == 0) {
            return false;
        }
        recoveryCodeDigests.forEach(digest -> jdbc.sql("INSERT INTO totp_recovery_code (user_id, digest) VALUES (?, ?)")
                .params(userId, digest).update());
        return true;
    }

    /** Accepts a code of this step, if no code of this step or a later one was accepted before. */
    boolean useStep(UUID userId, long step) {
        return jdbc.sql("""
                        UPDATE totp_authenticator SET last_used_step = ?
                        WHERE user_id = ? AND confirmed_at IS NOT NULL AND last_used_step < ?
                        """)
                .params(step, userId, step).update() == 1;
    }

    /** Uses up the recovery code with this digest; false when the user has no such code (left). */
    boolean useRecoveryCode(UUID userId, String digest) {
        return jdbc.sql("DELETE FROM totp_recovery_code WHERE user_id = ? AND digest = ?")
                .params(userId, digest).update() == 1;
    }

    int recoveryCodesLeft(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM totp_recovery_code WHERE user_id = ?").param(userId)
                .query(Long.class).single().intValue();
    }

    /** Removes the authenticator and its recovery codes; false when there was none. */
    boolean remove(UUID userId) {
        return jdbc.sql("DELETE FROM totp_authenticator WHERE user_id = ?").param(userId).update() > 0;
    }

    private static String associatedData(UUID userId) {
        return "totp:" + userId;
    }
}
