package dev.tollgate.auth.device;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.tollgate.auth.web.NoticePage;
import dev.tollgate.auth.web.Pages;

/**
 * The verification page where a signed-in user enters the code their device shows (RFC 8628 §3.3), and where the
 * verification endpoint sends the browser back with its answer. A request carrying {@code user_code} never gets here:
 * the endpoint itself takes it and shows the confirmation page.
 */
@Controller
class DeviceVerificationPage {

    private static final String PATH = "/oauth2/device_verification";

    @GetMapping(PATH)
    String verification(@RequestParam(name = VerificationAnswers.RESULT, required = false) String result,
            Model model) {
        if (VerificationAnswers.APPROVED.equals(result)) {
            return notice("device.approved.title", "device.approved.text", "device-approved", false).show(model);
        }
        if (VerificationAnswers.DENIED.equals(result)) {
            return notice("device.denied.title", "device.denied.text", "device-denied", true).show(model);
        }
        if (VerificationAnswers.SECOND_FACTOR.equals(result)) {
            return new NoticePage("device.second-factor.title", "device.second-factor.text", "device-second-factor",
                    true, List.of(new NoticePage.Action("set-up-two-factor", Pages.TWO_FACTOR_SETUP,
                            "device.second-factor.set-up"))).show(model);
        }
        model.addAttribute("wrongCode", VerificationAnswers.WRONG_CODE.equals(result));
        return "device";
    }

    private static NoticePage notice(String title, String text, String id, boolean refusal) {
        return new NoticePage(title, text, id, refusal,
                List.of(new NoticePage.Action("connect-another", PATH, "device.another")));
    }
}
