package dev.tollgate.auth.passkey;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import dev.tollgate.auth.account.AccountController;

/** What the passkeys section of the account page ({@code templates/account/passkeys.html}) shows. */
@ControllerAdvice(assignableTypes = AccountController.class)
class PasskeysOnAccountPage {

    private final Passkeys passkeys;

    PasskeysOnAccountPage(Passkeys passkeys) {
        this.passkeys = passkeys;
    }

    @ModelAttribute("passkeys")
    List<Passkeys.Passkey> passkeys(Principal principal) {
        return principal == null ? List.of() : passkeys.of(UUID.fromString(principal.getName()));
    }

    @ModelAttribute("passkeyNameMaxLength")
    int passkeyNameMaxLength() {
        return Passkeys.MAX_NAME_LENGTH;
    }
}
