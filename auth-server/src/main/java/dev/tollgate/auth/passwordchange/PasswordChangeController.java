package dev.tollgate.auth.passwordchange;

import java.io.IOException;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.tollgate.auth.password.PasswordPolicy;
import dev.tollgate.auth.password.UnacceptablePasswordException;
import dev.tollgate.auth.web.Pages;

/**
 * {@code /password/change}: where a user signed in with a temporary password chooses their own (one password policy,
 * not the temporary one again), then continues where they were going.
 */
@Controller
class PasswordChangeController {

    static final String PATH = "/password/change";

    private final TemporaryPasswords temporaryPasswords;

    private final MessageSource messages;

    PasswordChangeController(TemporaryPasswords temporaryPasswords, MessageSource messages) {
        this.temporaryPasswords = temporaryPasswords;
        this.messages = messages;
    }

    @GetMapping(PATH)
    String form(HttpSession session, Model model) {
        if (session.getAttribute(PasswordChangeGate.REQUIRED) == null) {
            return "redirect:" + Pages.ACCOUNT;
        }
        model.addAttribute("minPasswordLength", PasswordPolicy.MIN_LENGTH);
        model.addAttribute("maxPasswordBytes", PasswordPolicy.MAX_BYTES);
        return "password-change";
    }

    @PostMapping(PATH)
    String change(Authentication user, @RequestParam(name = "password", defaultValue = "") String password,
            @RequestParam(name = "confirmation", defaultValue = "") String confirmation, HttpServletRequest request,
            HttpServletResponse response, Locale locale, Model model) throws IOException, ServletException {
        HttpSession session = request.getSession();
        if (session.getAttribute(PasswordChangeGate.REQUIRED) == null) {
            return "redirect:" + Pages.ACCOUNT;
        }
        String refusal = null;
        if (!password.equals(confirmation)) {
            refusal = messages.getMessage("password.refused.mismatch", null, locale);
        }
        else {
            try {
                temporaryPasswords.replace(UUID.fromString(user.getName()), password);
            }
            catch (UnacceptablePasswordException refused) {
                refusal = messages.getMessage(refused, locale);
            }
        }
        if (refusal != null) {
            model.addAttribute("error", refusal);
            return form(session, model);
        }
        session.removeAttribute(PasswordChangeGate.REQUIRED);
        PasswordChangeOnSignIn.continueToSavedRequest().onAuthenticationSuccess(request, response, user);
        return null;
    }
}
