package dev.tollgate.auth.verification;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.tollgate.auth.web.Pages;

/**
 * {@code /verify-email?token=...}: the page of the link in the mail. Following the link verifies the address at once
 * (nothing else is at stake, so a mail scanner that fetches it first does no harm); a second visit gets a refusal.
 */
@Controller
class VerifyEmailController {

    private final EmailVerifications verifications;

    VerifyEmailController(EmailVerifications verifications) {
        this.verifications = verifications;
    }

    @GetMapping(Pages.VERIFY_EMAIL)
    String verify(@RequestParam(name = "token", defaultValue = "") String token, HttpServletResponse response) {
        if (verifications.verify(token).isPresent()) {
            return "verify-email-done";
        }
        response.setStatus(HttpServletResponse.SC_GONE);
        return "verify-email-refused";
    }
}
