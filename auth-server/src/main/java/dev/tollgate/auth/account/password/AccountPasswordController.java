package dev.tollgate.auth.account.password;

import java.security.Principal;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.tollgate.auth.account.AccountAnswers;
import dev.tollgate.auth.account.AccountController;
import dev.tollgate.auth.account.AccountOwners;
import dev.tollgate.auth.account.changes.AccountChange;
import dev.tollgate.auth.account.changes.AccountChanges;
import dev.tollgate.auth.password.NewPasswords;
import dev.tollgate.auth.password.UnacceptablePasswordException;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * The password section of the account page: a user who has signed in only upstream so far sets a first password.
 */
@Controller
class AccountPasswordController {

    static final String SET = AccountController.PATH + "/password";

    private final AccountOwners owners;

    private final UserRepository users;

    private final NewPasswords newPasswords;

    private final AccountChanges changes;

    private final AccountAnswers answers;

    AccountPasswordController(AccountOwners owners, UserRepository users, NewPasswords newPasswords,
            AccountChanges changes, AccountAnswers answers) {
        this.owners = owners;
        this.users = users;
        this.newPasswords = newPasswords;
        this.changes = changes;
        this.answers = answers;
    }

    @PostMapping(SET)
    String setPassword(Principal principal, @RequestParam(name = "password", defaultValue = "") String password,
            @RequestParam(name = "confirmation", defaultValue = "") String confirmation, HttpServletRequest request,
            Locale locale, RedirectAttributes flash) {
        TollgateUser user = owners.of(principal);
        if (user.hasPassword()) {
            return answers.error(flash, locale, "account.password.already-set");
        }
        if (!password.equals(confirmation)) {
            return answers.error(flash, locale, "account.password.mismatch");
        }
        String hash;
        try {
            hash = newPasswords.hashOf(password, user.username());
        }
        catch (UnacceptablePasswordException refused) {
            return answers.errorInWords(flash, refused.getMessage());
        }
        users.updatePasswordHash(user.id(), hash);
        changes.made(user, AccountChange.PASSWORD_SET, request.getRemoteAddr(), Map.of());
        return answers.notice(flash, locale, "account.password.set.done", user.username());
    }
}
