package dev.tollgate.auth.twofactor;

import java.time.Clock;
import java.util.OptionalLong;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.login.LoginFailures;
import dev.tollgate.auth.login.LoginFailures.CountedGuess;
import dev.tollgate.auth.login.LoginLockedException;
import dev.tollgate.auth.login.SecondFactors;
import dev.tollgate.auth.user.TollgateUser;

/**
 * Checks the code typed after the password: a TOTP code of a step not used before, or one of the user's recovery
 * codes, which it uses up. Every attempt counts in the sign-in lockout like a password guess ({@link LoginFailures}:
 * counted before the check, taken back when right), so that codes cannot be guessed faster than passwords.
 */
@Service
class SecondFactorCheck implements SecondFactors {

    /** How a code was received. */
    enum Outcome {
        TOTP, RECOVERY_CODE, WRONG, LOCKED;

        boolean accepted() {
            return this == TOTP || this == RECOVERY_CODE;
        }
    }

    private final TotpAuthenticators authenticators;

    private final LoginFailures failures;

    private final AuditLog audit;

    private final Clock clock;

    SecondFactorCheck(TotpAuthenticators authenticators, LoginFailures failures, AuditLog audit, Clock clock) {
        this.authenticators = authenticators;
        this.failures = failures;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public boolean requiredAfterPassword(String userId) {
        return authenticators.isEnabled(UUID.fromString(userId));
    }

    boolean isEnabled(UUID userId) {
        return authenticators.isEnabled(userId);
    }

    int recoveryCodesLeft(UUID userId) {
        return authenticators.recoveryCodesLeft(userId);
    }

    Outcome check(TollgateUser user, String typed, String address) {
        CountedGuess guess;
        try {
            guess = failures.countGuess(user.username(), address);
        }
        catch (LoginLockedException locked) {
            audit.record(failed(user, address, "locked"));
            return Outcome.LOCKED;
        }
        Outcome outcome = verify(user.id(), typed.strip().replace(" ", ""));
        if (!outcome.accepted()) {
            audit.record(failed(user, address, "wrong_code"));
            if (guess.locksOnFailure()) {
                audit.record(SecurityEvent.of(SecurityEventType.ACCOUNT_LOCKED)
                        .with(SecurityEvent.USER, user.id())
                        .with(SecurityEvent.ADDRESS, address)
                        .with("locked", guess.accountLock() != null ? "account" : "address"));
                return Outcome.LOCKED;
            }
            return Outcome.WRONG;
        }
        failures.succeeded(guess);
        audit.record(SecurityEvent.of(SecurityEventType.SIGN_IN)
                .with(SecurityEvent.USER, user.id())
                .with(SecurityEvent.ADDRESS, address)
                .with("method", outcome == Outcome.TOTP ? "totp" : "recovery_code"));
        if (outcome == Outcome.RECOVERY_CODE) {
            audit.record(SecurityEvent.of(SecurityEventType.RECOVERY_CODE_USED)
                    .with(SecurityEvent.USER, user.id())
                    .with(SecurityEvent.ADDRESS, address)
                    .with("left", authenticators.recoveryCodesLeft(user.id())));
        }
        return outcome;
    }

    private Outcome verify(UUID userId, String code) {
        OptionalLong step = authenticators.secret(userId, true)
                .map(secret -> TotpCodes.matchingStep(secret, code, clock.instant()))
                .orElse(OptionalLong.empty());
        if (step.isPresent()) {
            return authenticators.useStep(userId, step.getAsLong()) ? Outcome.TOTP : Outcome.WRONG;
        }
        String recoveryDigest = RecoveryCodes.digestOf(code);
        return recoveryDigest != null && authenticators.useRecoveryCode(userId, recoveryDigest)
                ? Outcome.RECOVERY_CODE : Outcome.WRONG;
    }

    private static SecurityEvent failed(TollgateUser user, String address, String reason) {
        return SecurityEvent.of(SecurityEventType.SIGN_IN_FAILED)
                .with(SecurityEvent.USER, user.id())
                .with(SecurityEvent.ADDRESS, address)
                .with("method", "totp")
                .with("reason", reason);
    }
}
