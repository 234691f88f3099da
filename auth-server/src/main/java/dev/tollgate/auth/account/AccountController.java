package dev.tollgate.auth.account;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.tollgate.auth.federation.FederatedIdentities;
import dev.tollgate.auth.federation.LinkedIdentity;
import dev.tollgate.auth.federation.UpstreamProvider;
import dev.tollgate.auth.federation.UpstreamProviders;
import dev.tollgate.auth.password.NewPasswords;
import dev.tollgate.auth.password.PasswordPolicy;
import dev.tollgate.auth.password.UnacceptablePasswordException;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.auth.web.Pages;

/**
 * The signed-in user's own account: the upstream identities linked to it (removable, as long as the user keeps a
 * way to sign in) and, for a user who has only signed in upstream so far, setting a Tollgate password.
 */
@Controller
public class AccountController {

    public static final String PATH = Pages.ACCOUNT;

    private static final String BACK = "redirect:" + PATH;

    private final UserRepository users;

    private final FederatedIdentities identities;

    private final UpstreamProviders providers;

    private final NewPasswords newPasswords;

    AccountController(UserRepository users, FederatedIdentities identities, UpstreamProviders providers,
            NewPasswords newPasswords) {
        this.users = users;
        this.identities = identities;
        this.providers = providers;
        this.newPasswords = newPasswords;
    }

    @GetMapping(PATH)
    String account(Principal principal, Model model) {
        TollgateUser user = userOf(principal);
        model.addAttribute("user", user);
        model.addAttribute("identities", identities.ofUser(user.id()).stream()
                .map(identity -> new IdentityRow(identity, providerName(identity.providerId())))
                .toList());
        model.addAttribute("minPasswordLength", PasswordPolicy.MIN_LENGTH);
        model.addAttribute("maxPasswordBytes", PasswordPolicy.MAX_BYTES);
        return "account";
    }

    @PostMapping(PATH + "/password")
    String setPassword(Principal principal, @RequestParam(name = "password", defaultValue = "") String password,
            @RequestParam(name = "confirmation", defaultValue = "") String confirmation, RedirectAttributes flash) {
        TollgateUser user = userOf(principal);
        if (user.hasPassword()) {
            return withError(flash, "Your account already has a password.");
        }
        if (!password.equals(confirmation)) {
            return withError(flash, "The two passwords are not the same.");
        }
        String hash;
        try {
            hash = newPasswords.hashOf(password, user.username());
        }
        catch (UnacceptablePasswordException refused) {
            return withError(flash, refused.getMessage());
        }
        users.updatePasswordHash(user.id(), hash);
        flash.addFlashAttribute("notice", "Your password is set. You can now also sign in as "
                + user.username() + " with it.");
        return BACK;
    }

    @PostMapping(PATH + "/identities/remove")
    String removeIdentity(Principal principal, @RequestParam(name = "provider", defaultValue = "") String provider,
            @RequestParam(name = "subject", defaultValue = "") String subject, RedirectAttributes flash) {
        TollgateUser user = userOf(principal);
        List<LinkedIdentity> linked = identities.ofUser(user.id());
        if (!user.hasPassword() && linked.size() == 1) {
            return withError(flash, "Set a password first: without it, removing your only linked sign-in would "
                    + "lock you out.");
        }
        if (!identities.unlink(user.id(), provider, subject)) {
            return withError(flash, "That sign-in is not linked to your account.");
        }
        flash.addFlashAttribute("notice", "The " + providerName(provider) + " sign-in is no longer linked to "
                + "your account.");
        return BACK;
    }

    private TollgateUser userOf(Principal principal) {
        return users.findById(UUID.fromString(principal.getName())).orElseThrow();
    }

    private String providerName(String providerId) {
        return providers.byId(providerId).map(UpstreamProvider::name).orElse(providerId);
    }

    private static String withError(RedirectAttributes flash, String message) {
        flash.addFlashAttribute("error", message);
        return BACK;
    }

    record IdentityRow(LinkedIdentity identity, String providerName) {
    }
}
