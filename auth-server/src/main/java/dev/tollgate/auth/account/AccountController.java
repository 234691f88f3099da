package dev.tollgate.auth.account;

import java.security.Principal;
import java.util.List;
import java.util.Locale;

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
import dev.tollgate.auth.password.PasswordPolicy;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.web.Pages;

/**
 * {@code /account}: the signed-in user's own account. The page is one section after another (profile, password,
 * sessions, connected applications, linked sign-ins, two-factor, passkeys); each section is a fragment under
 * {@code templates/account/} whose data and forms come from its own package, which adds its model with a
 * {@code @ControllerAdvice} for this controller. The linked upstream sign-ins are this class's own: removable as long
 * as the user keeps a way to sign in.
 */
@Controller
public class AccountController {

    public static final String PATH = Pages.ACCOUNT;

    private final AccountOwners owners;

    private final FederatedIdentities identities;

    private final UpstreamProviders providers;

    private final AccountAnswers answers;

    AccountController(AccountOwners owners, FederatedIdentities identities, UpstreamProviders providers,
            AccountAnswers answers) {
        this.owners = owners;
        this.identities = identities;
        this.providers = providers;
        this.answers = answers;
    }

    @GetMapping(PATH)
    String account(Principal principal, Model model) {
        TollgateUser user = owners.of(principal);
        model.addAttribute("user", user);
        model.addAttribute("identities", identities.ofUser(user.id()).stream()
                .map(identity -> new IdentityRow(identity, providerName(identity.providerId())))
                .toList());
        model.addAttribute("minPasswordLength", PasswordPolicy.MIN_LENGTH);
        model.addAttribute("maxPasswordBytes", PasswordPolicy.MAX_BYTES);
        return "account";
    }

    @PostMapping(PATH + "/identities/remove")
    String removeIdentity(Principal principal, @RequestParam(name = "provider", defaultValue = "") String provider,
            @RequestParam(name = "subject", defaultValue = "") String subject, Locale locale,
            RedirectAttributes flash) {
        TollgateUser user = owners.of(principal);
        List<LinkedIdentity> linked = identities.ofUser(user.id());
        if (!user.hasPassword() && linked.size() == 1) {
            return answers.error(flash, locale, "account.identities.last-one");
        }
        if (!identities.unlink(user.id(), provider, subject)) {
            return answers.error(flash, locale, "account.identities.not-linked");
        }
        return answers.notice(flash, locale, "account.identities.removed", providerName(provider));
    }

    private String providerName(String providerId) {
        return providers.byId(providerId).map(UpstreamProvider::name).orElse(providerId);
    }

    record IdentityRow(LinkedIdentity identity, String providerName) {
    }
}
