package dev.tollgate.auth.account.sessions;

import java.security.Principal;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

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
import dev.tollgate.auth.session.UserSessions;
import dev.tollgate.auth.user.TollgateUser;

/**
 * Signing out of the user's other sessions from the account page: one, or all but this one. Ending a session here
 * has the effect it has everywhere ({@link UserSessions}): the session goes and so do the tokens granted in it.
 */
@Controller
class AccountSessionsController {

    static final String END = AccountController.PATH + "/sessions/end";

    static final String END_OTHERS = AccountController.PATH + "/sessions/end-others";

    private final AccountOwners owners;

    private final UserSessions sessions;

    private final AccountChanges changes;

    private final AccountAnswers answers;

    private final TransactionOperations transactions;

    AccountSessionsController(AccountOwners owners, UserSessions sessions, AccountChanges changes,
            AccountAnswers answers, TransactionOperations transactions) {
        this.owners = owners;
        this.sessions = sessions;
        this.changes = changes;
        this.answers = answers;
        this.transactions = transactions;
    }

    /** {@code session} is the id the page listed; only the signed-in user's own sessions are looked in. */
    @PostMapping(END)
    String end(Principal principal, @RequestParam(name = "session", defaultValue = "") String session,
            HttpSession current, HttpServletRequest request, Locale locale, RedirectAttributes flash) {
        TollgateUser user = owners.of(principal);
        if (sessions.listedIdOf(user.id(), current.getId()).filter(session::equals).isPresent()) {
            return answers.error(flash, locale, "account.sessions.this-one");
        }
        boolean ended = Boolean.TRUE.equals(transactions.execute(status -> {
            if (!sessions.end(user.id(), session)) {
                return false;
            }
            changes.made(user, AccountChange.SESSION_ENDED, request.getRemoteAddr(), locale, Map.of());
            return true;
        }));
        return ended ? answers.notice(flash, locale, "account.sessions.ended")
                : answers.error(flash, locale, "account.sessions.not-found");
    }

    @PostMapping(END_OTHERS)
    String endOthers(Principal principal, HttpSession current, HttpServletRequest request, Locale locale,
            RedirectAttributes flash) {
        TollgateUser user = owners.of(principal);
        UserSessions.Ended ended = transactions.execute(status -> {
            UserSessions.Ended others = sessions.endAllExcept(user.id(), current.getId());
            if (others.sessions() > 0) {
                changes.made(user, AccountChange.OTHER_SESSIONS_ENDED, request.getRemoteAddr(), locale,
                        Map.of("sessions", others.sessions(), "authorizations", others.authorizations()));
            }
            return others;
        });
        if (ended.sessions() == 0) {
            return answers.notice(flash, locale, "account.sessions.no-others");
        }
        return answers.notice(flash, locale, "account.sessions.others-ended", ended.sessions());
    }
}
