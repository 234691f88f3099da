package dev.tollgate.auth.twofactor;

import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.tollgate.auth.account.changes.AccountChange;
import dev.tollgate.auth.account.changes.AccountChanged;
import dev.tollgate.auth.account.changes.AccountChanges;
import dev.tollgate.auth.twofactor.SecondFactorCheck.Outcome;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.auth.web.Pages;

/**
 * {@code /login/two-factor}: the code after the password (a TOTP code, or a recovery code), for a sign-in waiting
 * for it ({@link PendingSignIn}), and for a browser signed in with one factor that an application wants two of
 * (a user without TOTP is sent to set it up first).
 */
@Controller
class TwoFactorSignInController {

    private static final String PAGE = "two-factor/code";

    private static final String TO_LOGIN = "redirect:" + Pages.LOGIN;

    private final SecondFactorCheck check;

    private final SecondFactorOnSignIn onSignIn;

    private final UserRepository users;

    private final AccountChanges changes;

    private final Clock clock;

    TwoFactorSignInController(SecondFactorCheck check, SecondFactorOnSignIn onSignIn, UserRepository users,
            AccountChanges changes, Clock clock) {
        this.check = check;
        this.onSignIn = onSignIn;
        this.users = users;
        this.changes = changes;
        this.clock = clock;
    }

    @GetMapping(Pages.TWO_FACTOR)
    String page(HttpServletRequest request) {
        Optional<Authentication> subject = waitingForCode(request);
        if (subject.isEmpty()) {
            return TO_LOGIN;
        }
        if (!check.isEnabled(UUID.fromString(subject.get().getName()))) {
            return "redirect:" + Pages.TWO_FACTOR_SETUP + "?required";
        }
        return PAGE;
    }

    @PostMapping(Pages.TWO_FACTOR)
    String verify(@RequestParam(name = "code", defaultValue = "") String code, HttpServletRequest request,
            HttpServletResponse response, Locale locale, Model model) throws IOException, ServletException {
        Optional<Authentication> subject = waitingForCode(request);
        Optional<TollgateUser> user = subject.flatMap(signIn -> users.findById(UUID.fromString(signIn.getName())));
        if (user.isEmpty() || !user.get().enabled()) {
            PendingSignIn.discard(request);
            return TO_LOGIN;
        }
        Outcome outcome = check.check(user.get(), code, request.getRemoteAddr());
        if (outcome == Outcome.LOCKED && PendingSignIn.of(request, clock.instant()).isPresent()) {
            PendingSignIn.discard(request);
            return TO_LOGIN + "?locked";
        }
        if (!outcome.accepted()) {
            model.addAttribute("error", outcome == Outcome.LOCKED ? "two-factor.code.locked" : "two-factor.code.wrong");
            return PAGE;
        }
        if (outcome == Outcome.RECOVERY_CODE) {
            changes.made(user.get(), AccountChange.RECOVERY_CODE_USED, request.getRemoteAddr(), locale,
                    Map.of(AccountChanged.RECOVERY_CODES_LEFT, check.recoveryCodesLeft(user.get().id())));
        }
        PendingSignIn.discard(request);
        onSignIn.continueAfterCode(request, response, CodeProved.signIn(subject.get(), clock, request, response));
        return null;
    }

    /** The sign-in that the code is for: one waiting after its password, or the browser's own (asked for more). */
    private Optional<Authentication> waitingForCode(HttpServletRequest request) {
        Optional<PendingSignIn> pending = PendingSignIn.of(request, clock.instant());
        if (pending.isPresent()) {
            return Optional.of(pending.get().signIn());
        }
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        return current == null || current instanceof AnonymousAuthenticationToken || !current.isAuthenticated()
                ? Optional.empty() : Optional.of(current);
    }
}
