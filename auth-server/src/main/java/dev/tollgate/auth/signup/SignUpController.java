package dev.tollgate.auth.signup;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

import dev.tollgate.auth.password.PasswordPolicy;
import dev.tollgate.auth.password.UnacceptablePasswordException;
import dev.tollgate.auth.web.NoticePage;
import dev.tollgate.auth.web.Pages;

/**
 * {@code /register} (when {@code tollgate.registration.enabled}): username, email, password; then
 * {@code /register/sent} says a mail is on its way. Created accounts count against the client address's
 * sign-up budget ({@code tollgate.rate-limit.sign-ups-per-address}, per hour).
 */
@Controller
class SignUpController {

    /** Where a sign-up that was taken leads (the rate limit counts the redirects to it). */
    static final String SENT = Pages.REGISTER + "/sent";

    private static final NoticePage MAILED = new NoticePage("signup.sent.title", "signup.sent.text", "signup-sent",
            false, List.of(new NoticePage.Action("sign-in-link", Pages.LOGIN, "signup.sign-in")));

    private final SignUps signUps;

    private final boolean open;

    private final MessageSource messages;

    SignUpController(SignUps signUps, SelfRegistrationProperties properties, MessageSource messages) {
        this.signUps = signUps;
        this.open = properties.enabled();
        this.messages = messages;
    }

    @GetMapping(Pages.REGISTER)
    String form(Model model) {
        requireOpen();
        return form(new SignUpForm("", "", "", ""), model);
    }

    @PostMapping(Pages.REGISTER)
    String register(@Valid @ModelAttribute("signUp") SignUpForm signUp, BindingResult invalid, Locale locale,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        requireOpen();
        String error = null;
        if (invalid.hasFieldErrors("username")) {
            error = "signup.error.username";
        }
        else if (invalid.hasFieldErrors("email")) {
            error = "signup.error.email";
        }
        else if (!signUp.password().equals(signUp.confirmation())) {
            error = "signup.error.mismatch";
        }
        else {
            try {
                if (signUps.register(signUp, locale, request.getRemoteAddr()) == SignUps.Outcome.MAILED) {
                    return "redirect:" + SENT;
                }
                error = "signup.error.username-taken";
            }
            catch (UnacceptablePasswordException refused) {
                model.addAttribute("passwordError", messages.getMessage(refused, locale));
            }
        }
        model.addAttribute("error", error);
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return form(signUp, model);
    }

    @GetMapping(SENT)
    String sent(Model model) {
        requireOpen();
        return MAILED.show(model);
    }

    private static String form(SignUpForm signUp, Model model) {
        model.addAttribute("signUp", new SignUpForm(signUp.username(), signUp.email(), "", ""));
        model.addAttribute("minPasswordLength", PasswordPolicy.MIN_LENGTH);
        model.addAttribute("maxPasswordBytes", PasswordPolicy.MAX_BYTES);
        return "register";
    }

    private void requireOpen() {
        if (!open) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
