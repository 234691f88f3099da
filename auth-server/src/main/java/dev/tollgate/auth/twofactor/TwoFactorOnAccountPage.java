package dev.tollgate.auth.twofactor;

import java.security.Principal;
import java.util.UUID;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import dev.tollgate.auth.account.AccountController;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/** The two-factor section of the account page ({@code templates/account/two-factor.html}). */
@ControllerAdvice(assignableTypes = AccountController.class)
class TwoFactorOnAccountPage {

    private final TotpEnrolment enrolment;

    private final UserRepository users;

    TwoFactorOnAccountPage(TotpEnrolment enrolment, UserRepository users) {
        this.enrolment = enrolment;
        this.users = users;
    }

    @ModelAttribute("twoFactor")
    TwoFactorStatus twoFactor(Principal principal) {
        if (principal == null) {
            return new TwoFactorStatus(false, 0, true);
        }
        UUID userId = UUID.fromString(principal.getName());
        boolean enabled = enrolment.isEnabled(userId);
        boolean hasPassword = users.findById(userId).map(TollgateUser::hasPassword).orElse(true);
        return new TwoFactorStatus(enabled, enabled ? enrolment.recoveryCodesLeft(userId) : 0, hasPassword);
    }

    /** {@code hasPassword}: false for an account of an upstream provider only, which turns TOTP off without one. */
    record TwoFactorStatus(boolean totpEnabled, int recoveryCodesLeft, boolean hasPassword) {
    }
}
