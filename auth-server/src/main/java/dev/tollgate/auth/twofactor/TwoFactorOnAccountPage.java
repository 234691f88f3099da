package dev.tollgate.auth.twofactor;

import java.security.Principal;
import java.util.UUID;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import dev.tollgate.auth.account.AccountController;

/** The two-factor section of the account page ({@code templates/account/two-factor.html}). */
@ControllerAdvice(assignableTypes = AccountController.class)
class TwoFactorOnAccountPage {

    private final TotpEnrolment enrolment;

    TwoFactorOnAccountPage(TotpEnrolment enrolment) {
        this.enrolment = enrolment;
    }

    @ModelAttribute("twoFactor")
    TwoFactorStatus twoFactor(Principal principal) {
        if (principal == null) {
            return new TwoFactorStatus(false, 0);
        }
        UUID userId = UUID.fromString(principal.getName());
        boolean enabled = enrolment.isEnabled(userId);
        return new TwoFactorStatus(enabled, enabled ? enrolment.recoveryCodesLeft(userId) : 0);
    }

    record TwoFactorStatus(boolean totpEnabled, int recoveryCodesLeft) {
    }
}
