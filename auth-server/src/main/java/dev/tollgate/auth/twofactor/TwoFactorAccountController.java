package dev.tollgate.auth.twofactor;

import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.tollgate.auth.account.changes.AccountChange;
import dev.tollgate.auth.account.changes.AccountChanges;
import dev.tollgate.auth.freshsignin.RecentSignIn;
import dev.tollgate.auth.login.ThrottledLogin;
import dev.tollgate.auth.passkey.Passkeys;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.auth.web.Pages;

/**
 * {@code /account/two-factor}: setting up TOTP (a new secret as a QR code and as text, confirmed with one code, then
 * the recovery codes, shown this once) and turning it off again, which takes the current password (or, for an
 * account without one, a fresh sign-in). A set-up that an
 * application asked for ({@code acr_values}, see the README) continues to that application afterwards.
 */
@Controller
class TwoFactorAccountController {

    private static final String SETUP_PAGE = "two-factor/setup";

    private static final String BACK_TO_ACCOUNT = "redirect:" + Pages.ACCOUNT;

    private final TotpEnrolment enrolment;

    private final UserRepository users;

    private final ThrottledLogin passwordCheck;

    private final SecondFactorOnSignIn onSignIn;

    private final AccountChanges changes;

    private final Clock clock;

    private final RecentSignIn freshSignIn;

    private final Passkeys passkeys;

    TwoFactorAccountController(TotpEnrolment enrolment, UserRepository users, ThrottledLogin passwordCheck,
            SecondFactorOnSignIn onSignIn, AccountChanges changes, Clock clock, RecentSignIn freshSignIn,
            Passkeys passkeys) {
        this.passkeys = passkeys;
        this.freshSignIn = freshSignIn;
        this.enrolment = enrolment;
        this.users = users;
        this.passwordCheck = passwordCheck;
        this.onSignIn = onSignIn;
        this.changes = changes;
        this.clock = clock;
    }

    @GetMapping(Pages.TWO_FACTOR_SETUP)
    String setup(Principal principal, @RequestParam(name = "required", required = false) String required,
            Model model) {
        TollgateUser user = userOf(principal);
        if (enrolment.isEnabled(user.id())) {
            return BACK_TO_ACCOUNT;
        }
        model.addAttribute("required", required != null);
        // a passkey (with user verification) is two factors on its own: no need for an app as well
        model.addAttribute("passkeyInstead", required != null && !passkeys.of(user.id()).isEmpty());
        enrolment.pending(user).ifPresent(qrCode -> model.addAttribute("enrolment", qrCode));
        return SETUP_PAGE;
    }

    @PostMapping(Pages.TWO_FACTOR_SETUP + "/start")
    String start(Principal principal, Model model) {
        TollgateUser user = userOf(principal);
        Optional<EnrolmentQrCode> started = enrolment.start(user);
        if (started.isEmpty()) {
            return BACK_TO_ACCOUNT;
        }
        model.addAttribute("enrolment", started.get());
        return SETUP_PAGE;
    }

    @PostMapping(Pages.TWO_FACTOR_SETUP + "/confirm")
    String confirm(Authentication signIn, @RequestParam(name = "code", defaultValue = "") String code,
            HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        TollgateUser user = userOf(signIn);
        Optional<List<String>> recoveryCodes = enrolment.confirm(user, code,
                () -> changes.made(user, AccountChange.TOTP_ENABLED, request.getRemoteAddr(), locale, Map.of()));
        if (recoveryCodes.isEmpty()) {
            Optional<EnrolmentQrCode> pending = enrolment.pending(user);
            if (pending.isEmpty()) {
                return BACK_TO_ACCOUNT;
            }
            model.addAttribute("enrolment", pending.get());
            model.addAttribute("error", "two-factor.setup.wrong-code");
            return SETUP_PAGE;
        }
        // the code from the app proved the second factor in this very sign-in
        CodeProved.signIn(signIn, clock, request, response);
        model.addAttribute("recoveryCodes", recoveryCodes.get());
        return "two-factor/recovery-codes";
    }

    /** After the recovery codes: back where the set-up was asked for (an application), else the account page. */
    @GetMapping(Pages.TWO_FACTOR_SETUP + "/continue")
    void continueAfterSetup(Authentication signIn, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        onSignIn.continueAfterCode(request, response, signIn);
    }

    @PostMapping(Pages.TWO_FACTOR_SETUP + "/remove")
    String remove(Authentication signIn, @RequestParam(name = "password", defaultValue = "") String password,
            HttpServletRequest request, HttpServletResponse response, Locale locale, RedirectAttributes flash) {
        TollgateUser user = userOf(signIn);
        if (!user.hasPassword()) {
            // an account of an upstream provider only has no password to give: a fresh sign-in proves the same
            if (!freshSignIn.isFreshForAccountChanges(signIn)) {
                return freshSignIn.askAgain(request, response, Pages.ACCOUNT);
            }
            enrolment.remove(user.id(), () -> changes.made(user, AccountChange.TOTP_DISABLED,
                    request.getRemoteAddr(), locale, Map.of()));
            flash.addFlashAttribute("twoFactorNotice", "two-factor.remove.done");
            return BACK_TO_ACCOUNT;
        }
        try {
            passwordCheck.recheck(user.username(), password, new WebAuthenticationDetails(request));
        }
        catch (AuthenticationException wrongPassword) {
            flash.addFlashAttribute("twoFactorError", "two-factor.remove.wrong-password");
            return BACK_TO_ACCOUNT;
        }
        enrolment.remove(user.id(), () -> changes.made(user, AccountChange.TOTP_DISABLED, request.getRemoteAddr(),
                locale, Map.of()));
        flash.addFlashAttribute("twoFactorNotice", "two-factor.remove.done");
        return BACK_TO_ACCOUNT;
    }

    private TollgateUser userOf(Principal principal) {
        return users.findById(UUID.fromString(principal.getName())).orElseThrow();
    }
}
