package dev.tollgate.auth.twofactor;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.user.TollgateUser;

/**
 * Turning TOTP on and off: a new 160-bit secret for each enrolment, confirmed by one code from the app (which proves
 * the app has the secret and the clocks agree), then ten recovery codes, shown once.
 */
@Service
class TotpEnrolment {

    private final TotpAuthenticators authenticators;

    private final AuditLog audit;

    private final Clock clock;

    TotpEnrolment(TotpAuthenticators authenticators, AuditLog audit, Clock clock) {
        this.authenticators = authenticators;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new secret for the user to scan; empty when TOTP is on already. */
    Optional<EnrolmentQrCode> start(TollgateUser user) {
        byte[] secret = TotpCodes.newSecret();
        return authenticators.startEnrolment(user.id(), secret)
                ? Optional.of(EnrolmentQrCode.of(secret, user.username()))
                : Optional.empty();
    }

    /** The enrolment in progress, to show again (after a wrong code). */
    Optional<EnrolmentQrCode> pending(TollgateUser user) {
        return authenticators.secret(user.id(), false).map(secret -> EnrolmentQrCode.of(secret, user.username()));
    }

    /**
     * Confirms the enrolment with a code from the app: its recovery codes, or empty when the code is not right.
     * {@code tellTheOwner} runs in the same transaction, so the owner's notice is queued exactly when TOTP is on.
     */
    @Transactional
    Optional<List<String>> confirm(TollgateUser user, String code, Runnable tellTheOwner) {
        OptionalLong step = authenticators.secret(user.id(), false)
                .map(secret -> TotpCodes.matchingStep(secret, code.strip().replace(" ", ""), clock.instant()))
                .orElse(OptionalLong.empty());
        if (step.isEmpty()) {
            return Optional.empty();
        }
        List<String> recoveryCodes = RecoveryCodes.generate();
        if (!authenticators.confirm(user.id(), step.getAsLong(),
                recoveryCodes.stream().map(RecoveryCodes::digestOf).toList())) {
            return Optional.empty();
        }
        audit.record(changed(user.id(), "totp.enrolled"));
        tellTheOwner.run();
        return Optional.of(recoveryCodes);
    }

    boolean isEnabled(UUID userId) {
        return authenticators.isEnabled(userId);
    }

    int recoveryCodesLeft(UUID userId) {
        return authenticators.recoveryCodesLeft(userId);
    }

    /**
     * Turns TOTP off (the caller has checked the password); false when it was not on. {@code tellTheOwner} runs in
     * the same transaction, as for {@link #confirm}.
     */
    @Transactional
    boolean remove(UUID userId, Runnable tellTheOwner) {
        if (!authenticators.remove(userId)) {
            return false;
        }
        audit.record(changed(userId, "totp.removed"));
        tellTheOwner.run();
        return true;
    }

    private static SecurityEvent changed(UUID userId, String what) {
        return SecurityEvent.of(SecurityEventType.SECOND_FACTOR_CHANGED)
                .with(SecurityEvent.USER, userId)
                .with("what", what);
    }
}
