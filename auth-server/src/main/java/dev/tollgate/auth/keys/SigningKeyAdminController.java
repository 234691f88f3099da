package dev.tollgate.auth.keys;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/signing-keys}: lists the signing keys and rotates on demand. Only users with role ADMIN reach it
 * (DefaultSecurityConfig); the rotation is a form POST with the CSRF token.
 */
@Controller
class SigningKeyAdminController {

    static final String PATH = "/admin/signing-keys";

    private final SigningKeys signingKeys;

    SigningKeyAdminController(SigningKeys signingKeys) {
        this.signingKeys = signingKeys;
    }

    @GetMapping(PATH)
    String keys(Model model) {
        model.addAttribute("keys", signingKeys.describe());
        return "admin-signing-keys";
    }

    @PostMapping(PATH + "/rotate")
    String rotate(RedirectAttributes redirect) {
        redirect.addFlashAttribute("rotatedTo", signingKeys.rotate());
        return "redirect:" + PATH;
    }
}
