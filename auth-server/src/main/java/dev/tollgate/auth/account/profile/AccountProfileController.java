package dev.tollgate.auth.account.profile;

import java.util.Locale;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.tollgate.auth.account.AccountAnswers;
import dev.tollgate.auth.account.AccountController;
import dev.tollgate.auth.account.AccountOwners;
import dev.tollgate.auth.freshsignin.RecentSignIn;
import dev.tollgate.auth.useradmin.UniqueUserNames;
import dev.tollgate.auth.user.TollgateUser;

/**
 * The profile section of the account page: the user's name and email address. An address belongs to one user, in any
 * case ({@link UniqueUserNames}); a new one is stored as not verified ({@code email_verified} false in tokens and
 * userinfo) until the user follows the link mailed to it ({@link ProfileChanges}); the notice of the change goes
 * to the previous address. A new address needs a fresh sign-in ({@link RecentSignIn}).
 */
@Controller
class AccountProfileController {

    static final String PATH = AccountController.PATH + "/profile";

    private final AccountOwners owners;

    private final ProfileChanges profiles;

    private final AccountAnswers answers;

    private final RecentSignIn freshSignIn;

    AccountProfileController(AccountOwners owners, ProfileChanges profiles, AccountAnswers answers,
            RecentSignIn freshSignIn) {
        this.owners = owners;
        this.freshSignIn = freshSignIn;
        this.profiles = profiles;
        this.answers = answers;
    }

    @PostMapping(PATH)
    String update(Authentication principal, @Valid @ModelAttribute ProfileForm form, BindingResult invalid,
            HttpServletRequest request, HttpServletResponse response, Locale locale, RedirectAttributes flash) {
        TollgateUser user = owners.of(principal);
        // an address stored before (an upstream provider's) is kept as it is, so that the name can still change
        if (invalid.hasFieldErrors("email") && !Objects.equals(form.email(), user.email())) {
            return answers.error(flash, locale, "account.profile.email-invalid");
        }
        if (invalid.hasFieldErrors("name")) {
            return answers.error(flash, locale, "account.profile.name-too-long");
        }
        if (form.email() == null && user.email() != null) {
            return answers.error(flash, locale, "account.profile.email-required");
        }
        // the address a password reset is mailed to: a stolen session must not take the account with it
        if (!Objects.equals(form.email(), user.email()) && !freshSignIn.isFreshForAccountChanges(principal)) {
            return freshSignIn.askAgain(request, response, AccountController.PATH);
        }
        return switch (profiles.change(user, form.name(), form.email(), request.getRemoteAddr(), locale)) {
            case EMAIL_TAKEN -> answers.error(flash, locale, "account.profile.email-taken");
            case UNCHANGED -> answers.notice(flash, locale, "account.profile.unchanged");
            case EMAIL_CHANGED -> answers.notice(flash, locale, "account.profile.email-changed", form.email());
            case SAVED -> answers.notice(flash, locale, "account.profile.saved");
        };
    }
}
