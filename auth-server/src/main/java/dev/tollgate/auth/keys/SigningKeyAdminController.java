package dev.tollgate.auth.keys;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.keys.SigningKeyRepository.StoredKey;

/**
 * {@code /admin/signing-keys}, a page of the admin console: lists the signing keys (never their private halves) and
 * rotates on demand. Only users with role ADMIN reach it (DefaultSecurityConfig); the rotation is a form POST with the
 * CSRF token and a recent sign-in, recorded as an {@code ADMIN_CHANGE} naming the administrator.
 */
@Controller
class SigningKeyAdminController {

    static final String PATH = "/admin/signing-keys";

    private final SigningKeyRepository keys;

    private final SigningKeyRotation rotation;

    private final AuditLog audit;

    SigningKeyAdminController(SigningKeyRepository keys, SigningKeyRotation rotation, AuditLog audit) {
        this.keys = keys;
        this.rotation = rotation;
        this.audit = audit;
    }

    @GetMapping(PATH)
    String keys(Model model) {
        model.addAttribute("keys", keys.findAll().stream().map(StoredKey::withoutPrivateHalf).toList());
        return "console/signing-keys";
    }

    @PostMapping(PATH + "/rotate")
    String rotate(Authentication admin, RedirectAttributes redirect) {
        String kid = rotation.rotate();
        audit.record(SecurityEvent.of(SecurityEventType.ADMIN_CHANGE).with("what", "signing-key.rotate")
                .with(SecurityEvent.ACTOR, admin.getName()).with("kid", kid));
        redirect.addFlashAttribute("rotatedTo", kid);
        return "redirect:" + PATH;
    }
}
