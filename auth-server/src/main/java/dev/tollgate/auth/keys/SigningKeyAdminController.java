package dev.tollgate.auth.keys;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.tollgate.auth.keys.SigningKeyRepository.StoredKey;

/**
 * {@code /admin/signing-keys}: lists the signing keys (never their private halves) and rotates on demand. Only users
 * with role ADMIN reach it (DefaultSecurityConfig); the rotation is a form POST with the CSRF token.
 */
@Controller
class SigningKeyAdminController {

    static final String PATH = "/admin/signing-keys";

    private final SigningKeyRepository keys;

    private final SigningKeyRotation rotation;

    SigningKeyAdminController(SigningKeyRepository keys, SigningKeyRotation rotation) {
        this.keys = keys;
        this.rotation = rotation;
    }

    @GetMapping(PATH)
    String keys(Model model) {
        model.addAttribute("keys", keys.findAll().stream().map(StoredKey::withoutPrivateHalf).toList());
        return "console/signing-keys";
    }

    @PostMapping(PATH + "/rotate")
    String rotate(RedirectAttributes redirect) {
        redirect.addFlashAttribute("rotatedTo", rotation.rotate());
        return "redirect:" + PATH;
    }
}
