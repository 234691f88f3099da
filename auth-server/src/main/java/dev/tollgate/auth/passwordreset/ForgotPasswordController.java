package dev.tollgate.auth.passwordreset;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.tollgate.auth.password.PasswordPolicy;
import dev.tollgate.auth.web.NoticePage;
import dev.tollgate.auth.web.Pages;

/**
 * {@code /forgot-password}: asks for the account's email address and answers the same, at once, whether or not an
 * account has it; {@code /forgot-password/reset?token=...}: the page of the link in the mail, where the new password
 * is set. A used or expired link gets a page that says so, with the way to ask for a new one.
 */
@Controller
class ForgotPasswordController {

    private static final NoticePage DONE = new NoticePage("password-reset.done.title", "password-reset.done.text",
            "password-reset-done", false,
            List.of(new NoticePage.Action("sign-in-link", Pages.LOGIN, "password-reset.done.sign-in")));

    private static final NoticePage REFUSED = new NoticePage("password-reset.refused.title",
            "password-reset.refused.text", "password-reset-refused", true, List.of(
                    new NoticePage.Action("ask-again", Pages.FORGOT_PASSWORD, "password-reset.refused.again"),
                    new NoticePage.Action("back-to-sign-in", Pages.LOGIN, "password-reset.back-to-sign-in")));

    private final PasswordResets resets;

    private final MessageSource messages;

    ForgotPasswordController(PasswordResets resets, MessageSource messages) {
        this.resets = resets;
        this.messages = messages;
    }

    @GetMapping(Pages.FORGOT_PASSWORD)
    String form() {
        return "forgot-password";
    }

    @PostMapping(Pages.FORGOT_PASSWORD)
    String requestLink(@RequestParam(name = "email", defaultValue = "") String email, Locale locale, Model model) {
        resets.requestLink(email, locale);
        model.addAttribute("sent", true);
        return "forgot-password";
    }

    @GetMapping(PasswordResets.RESET_PATH)
    String resetForm(@RequestParam(name = "token", defaultValue = "") String token, Model model,
            HttpServletResponse response) {
        if (!resets.isUsable(token)) {
            return refused(response, model);
        }
        return form(token, model);
    }

    @PostMapping(PasswordResets.RESET_PATH)
    String reset(@RequestParam(name = "token", defaultValue = "") String token,
            @RequestParam(name = "password", defaultValue = "") String password,
            @RequestParam(name = "confirmation", defaultValue = "") String confirmation, Locale locale,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        ResetOutcome outcome = resets.reset(token, password, confirmation, locale, request.getRemoteAddr());
        switch (outcome.status()) {
            case DONE:
                return DONE.show(model);
            case LINK_REFUSED:
                return refused(response, model);
            default:
                model.addAttribute("error",
                        outcome.reason() == null ? null : messages.getMessage(outcome.reason(), locale));
                model.addAttribute("mismatch", outcome.reason() == null);
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                return form(token, model);
        }
    }

    private static String form(String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("minPasswordLength", PasswordPolicy.MIN_LENGTH);
        model.addAttribute("maxPasswordBytes", PasswordPolicy.MAX_BYTES);
        return "password-reset";
    }

    private static String refused(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_GONE);
        return REFUSED.show(model);
    }
}
