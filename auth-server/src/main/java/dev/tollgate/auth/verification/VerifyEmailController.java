package dev.tollgate.auth.verification;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.tollgate.auth.web.NoticePage;
import dev.tollgate.auth.web.Pages;

/**
 * {@code /verify-email?token=...}: the page of the link in the mail. Following the link verifies the address at once
 * (nothing else is at stake, so a mail scanner that fetches it first does no harm); a second visit gets a refusal.
 */
@Controller
class VerifyEmailController {

    private static final List<NoticePage.Action> TO_THE_ACCOUNT =
            List.of(new NoticePage.Action("account-link", Pages.ACCOUNT, "signup.verified.continue"));

    private static final NoticePage VERIFIED = new NoticePage("signup.verified.title", "signup.verified.text",
            "email-verified", false, TO_THE_ACCOUNT);

    private static final NoticePage REFUSED = new NoticePage("signup.verify-refused.title",
            "signup.verify-refused.text", "verify-email-refused", true, TO_THE_ACCOUNT);

    private final EmailVerifications verifications;

    VerifyEmailController(EmailVerifications verifications) {
        this.verifications = verifications;
    }

    @GetMapping(Pages.VERIFY_EMAIL)
    String verify(@RequestParam(name = "token", defaultValue = "") String token, HttpServletResponse response,
            Model model) {
        if (verifications.verify(token).isPresent()) {
            return VERIFIED.show(model);
        }
        response.setStatus(HttpServletResponse.SC_GONE);
        return REFUSED.show(model);
    }
}
