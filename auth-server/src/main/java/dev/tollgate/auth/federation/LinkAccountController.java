package dev.tollgate.auth.federation;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.annotation.Conditional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.tollgate.auth.login.LoginLockedException;
import dev.tollgate.auth.login.ThrottledLogin;
import dev.tollgate.auth.session.AfterFirstFactor;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.auth.web.Pages;

/**
 * The page that links an upstream identity to the local account with the same verified email, once the person
 * enters that account's password. The password is checked exactly as on the sign-in form, by {@link ThrottledLogin}:
 * every guess counts in the same lockout (per account and per address), which a new upstream round trip does not
 * reset, and the posts share the sign-in form's rate limit. A few wrong passwords also drop the pending link.
 */
@Controller
@Conditional(UpstreamProvidersConfigured.class)
class LinkAccountController {

    static final String PATH = "/login/link";

    private static final String REDIRECT_TO_LOGIN = "redirect:" + Pages.LOGIN;

    private final UserRepository users;

    private final FederatedAccounts accounts;

    private final ThrottledLogin passwordCheck;

    private final LocalUserSession session;

    private final UpstreamSignInFailure failure;

    private final AfterFirstFactor resume;

    LinkAccountController(UserRepository users, FederatedAccounts accounts, ThrottledLogin passwordCheck,
            LocalUserSession session, UpstreamSignInFailure failure, AfterFirstFactor resume) {
        this.resume = resume;
        this.users = users;
        this.accounts = accounts;
        this.passwordCheck = passwordCheck;
        this.session = session;
        this.failure = failure;
    }

    @GetMapping(PATH)
    String page(HttpSession httpSession, Model model) {
        Optional<PendingLink> pending = pendingLink(httpSession);
        if (pending.isEmpty()) {
            return REDIRECT_TO_LOGIN;
        }
        return render(pending.get(), Answer.NONE, model);
    }

    @PostMapping(PATH)
    String link(@RequestParam(name = "password", defaultValue = "") String password, HttpServletRequest request,
            HttpServletResponse response, Model model) throws IOException, ServletException {
        HttpSession httpSession = request.getSession();
        Optional<PendingLink> found = pendingLink(httpSession);
        if (found.isEmpty()) {
            return REDIRECT_TO_LOGIN;
        }
        PendingLink pending = found.get();
        Optional<TollgateUser> owner = users.findById(pending.userId());
        if (owner.isEmpty()) {
            httpSession.removeAttribute(PendingLink.SESSION_ATTRIBUTE);
            failure.showOnLoginPage(SignInProblem.EXPIRED, request, response);
            return null;
        }
        try {
            passwordCheck.recheck(owner.get().username(), password, new WebAuthenticationDetails(request));
        }
        catch (LoginLockedException locked) {
            return render(pending, Answer.LOCKED, model);
        }
        catch (AuthenticationException wrongPassword) {
            PendingLink failed = pending.withFailedAttempt();
            if (!failed.attemptsLeft()) {
                httpSession.removeAttribute(PendingLink.SESSION_ATTRIBUTE);
                failure.showOnLoginPage(SignInProblem.TOO_MANY_ATTEMPTS, request, response);
                return null;
            }
            httpSession.setAttribute(PendingLink.SESSION_ATTRIBUTE, failed);
            return render(failed, Answer.WRONG_PASSWORD, model);
        }
        httpSession.removeAttribute(PendingLink.SESSION_ATTRIBUTE);
        Authentication local = session.signIn(accounts.link(pending), List.of(FactorGrantedAuthority.PASSWORD_AUTHORITY,
                FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY), request, response);
        resume.onAuthenticationSuccess(request, response, local);
        return null;
    }

    @PostMapping(PATH + "/cancel")
    String cancel(HttpSession httpSession) {
        httpSession.removeAttribute(PendingLink.SESSION_ATTRIBUTE);
        return REDIRECT_TO_LOGIN;
    }


    private String render(PendingLink pending, Answer answer, Model model) {
        model.addAttribute("providerName", pending.providerName());
        model.addAttribute("email", pending.identity().email());
        model.addAttribute("ownerHasPassword", users.findById(pending.userId()).map(TollgateUser::hasPassword)
                .orElse(false));
        model.addAttribute("wrongPassword", answer == Answer.WRONG_PASSWORD);
        model.addAttribute("locked", answer == Answer.LOCKED);
        return "link-account";
    }

    /** What the page says about the password last entered. */
    private enum Answer {
        NONE, WRONG_PASSWORD, LOCKED
    }

    private static Optional<PendingLink> pendingLink(HttpSession httpSession) {
        return Optional.ofNullable((PendingLink) httpSession.getAttribute(PendingLink.SESSION_ATTRIBUTE));
    }
}
