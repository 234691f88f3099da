package dev.tollgate.auth.account.password;

import java.security.Principal;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.tollgate.auth.account.AccountAnswers;
import dev.tollgate.auth.account.AccountController;
import dev.tollgate.auth.account.AccountOwners;
import dev.tollgate.auth.account.changes.AccountChange;
import dev.tollgate.auth.account.changes.AccountChanges;
import dev.tollgate.auth.login.LoginLockedException;
import dev.tollgate.auth.login.ThrottledLogin;
import dev.tollgate.auth.password.NewPasswords;
import dev.tollgate.auth.password.UnacceptablePasswordException;
import dev.tollgate.auth.session.UserSessions;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * The password section of the account page. A user with a password changes it: the current one is checked by
 * {@link ThrottledLogin}, exactly as on the sign-in form, so a wrong one counts in the same lockout and this form is
 * no way around it; the new one goes through the one policy ({@link NewPasswords}). Afterwards only this browser
 * stays signed in: the user's other sessions end and every token not granted in this session is revoked. A user
 * who has signed in only upstream so far sets a first password instead.
 */
@Controller
class AccountPasswordController {

    static final String SET = AccountController.PATH + "/password";

    static final String CHANGE = AccountController.PATH + "/password/change";

    private final AccountOwners owners;

    private final UserRepository users;

    private final ThrottledLogin passwordCheck;

    private final NewPasswords newPasswords;

    private final UserSessions sessions;

    private final AccountChanges changes;

    private final AccountAnswers answers;

    private final TransactionOperations transactions;

    AccountPasswordController(AccountOwners owners, UserRepository users, ThrottledLogin passwordCheck,
            NewPasswords newPasswords, UserSessions sessions, AccountChanges changes, AccountAnswers answers,
            TransactionOperations transactions) {
        this.owners = owners;
        this.users = users;
        this.passwordCheck = passwordCheck;
        this.newPasswords = newPasswords;
        this.sessions = sessions;
        this.changes = changes;
        this.answers = answers;
        this.transactions = transactions;
    }

    @PostMapping(CHANGE)
    String changePassword(Principal principal, @RequestParam(name = "current", defaultValue = "") String current,
            @RequestParam(name = "password", defaultValue = "") String password,
            @RequestParam(name = "confirmation", defaultValue = "") String confirmation, HttpServletRequest request,
            Locale locale, RedirectAttributes flash) {
        TollgateUser user = owners.of(principal);
        if (!user.hasPassword()) {
            return answers.error(flash, locale, "account.password.none-yet");
        }
        NewPassword next = newPassword(user, password, confirmation, locale);
        if (next.refusal() != null) {
            return answers.errorInWords(flash, next.refusal());
        }
        try {
            passwordCheck.recheck(user.username(), current, new WebAuthenticationDetails(request));
        }
        catch (LoginLockedException locked) {
            return answers.error(flash, locale, "account.password.locked");
        }
        catch (AuthenticationException wrong) {
            return answers.error(flash, locale, "account.password.wrong-current");
        }
        transactions.executeWithoutResult(status -> {
            // the new password first: no other session can sign in again with the old one after it ended
            users.updatePasswordHash(user.id(), next.hash());
            UserSessions.Ended ended =
                    sessions.endAllExceptAndRevokeOtherTokens(user.id(), request.getSession().getId());
            changes.made(user, AccountChange.PASSWORD_CHANGED, request.getRemoteAddr(), locale,
                    Map.of("sessions", ended.sessions(), "authorizations", ended.authorizations()));
        });
        return answers.notice(flash, locale, "account.password.changed");
    }

    @PostMapping(SET)
    String setPassword(Principal principal, @RequestParam(name = "password", defaultValue = "") String password,
            @RequestParam(name = "confirmation", defaultValue = "") String confirmation, HttpServletRequest request,
            Locale locale, RedirectAttributes flash) {
        TollgateUser user = owners.of(principal);
        if (user.hasPassword()) {
            return answers.error(flash, locale, "account.password.already-set");
        }
        NewPassword next = newPassword(user, password, confirmation, locale);
        if (next.refusal() != null) {
            return answers.errorInWords(flash, next.refusal());
        }
        transactions.executeWithoutResult(status -> {
            users.updatePasswordHash(user.id(), next.hash());
            changes.made(user, AccountChange.PASSWORD_SET, request.getRemoteAddr(), locale, Map.of());
        });
        return answers.notice(flash, locale, "account.password.set.done", user.username());
    }

    /** The new password's hash, unless the two fields differ or the policy refuses it: then why, in words. */
    private NewPassword newPassword(TollgateUser user, String password, String confirmation, Locale locale) {
        if (!password.equals(confirmation)) {
            return new NewPassword(null, answers.text(locale, "account.password.mismatch"));
        }
        try {
            return new NewPassword(newPasswords.hashOf(password, user.username()), null);
        }
        catch (UnacceptablePasswordException refused) {
            return new NewPassword(null, answers.text(locale, refused));
        }
    }

    private record NewPassword(String hash, String refusal) {
    }

}
