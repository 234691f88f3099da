package dev.tollgate.auth.console.users;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.tollgate.auth.authorization.RevocationCause;
import dev.tollgate.auth.password.PasswordPolicy;
import dev.tollgate.auth.password.UnacceptablePasswordException;
import dev.tollgate.auth.passwordchange.TemporaryPasswords;
import dev.tollgate.auth.session.UserSessions;
import dev.tollgate.auth.useradmin.Account;
import dev.tollgate.auth.useradmin.AdminGuard.RefusedChange;
import dev.tollgate.auth.useradmin.UserAccounts;
import dev.tollgate.auth.useradmin.UserAccounts.AccountPage;

/**
 * The console's users: {@code /admin/users} finds them by username or email address, {@code /admin/users/new}
 * creates one, {@code /admin/users/{id}} shows one with their sessions and changes them. Every change goes through
 * {@link UserAccounts} (the rules SCIM follows too) or the services that own it, and answers with the page again and
 * a message; a refused change changes nothing.
 */
@Controller
class UsersPages {

    private static final String USERS = "/admin/users";

    private static final int PAGE_SIZE = 25;

    private final UserAccounts accounts;

    private final UserSessions sessions;

    private final TemporaryPasswords temporaryPasswords;

    UsersPages(UserAccounts accounts, UserSessions sessions, TemporaryPasswords temporaryPasswords) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.temporaryPasswords = temporaryPasswords;
    }

    @GetMapping(USERS)
    String search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page,
            Model model) {
        int number = Math.max(page, 0);
        AccountPage found = accounts.search(q, number, PAGE_SIZE);
        model.addAttribute("q", q);
        model.addAttribute("accounts", found.accounts());
        model.addAttribute("total", found.total());
        model.addAttribute("page", number);
        model.addAttribute("hasNext", (long) (number + 1) * PAGE_SIZE < found.total());
        return "console/users";
    }

    @GetMapping(USERS + "/new")
    String newUser(Model model) {
        model.addAttribute("form", new NewUserForm(null, null, null, List.of(UserAccounts.ROLES.get(1))));
        return newUserPage(model);
    }

    @PostMapping(USERS + "/new")
    String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String name, @RequestParam(required = false) Set<String> roles,
            @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String confirmation,
            Authentication admin, Model model, RedirectAttributes redirect) {
        try {
            requireSame(password, confirmation);
            Account created = accounts.create(username, email, name, roles, password, admin.getName());
            redirect.addFlashAttribute("notice", "Created " + created.username() + ".");
            return "redirect:" + USERS + "/" + created.id();
        }
        catch (RefusedChange | UnacceptablePasswordException refused) {
            model.addAttribute("error", refused.getMessage());
            model.addAttribute("form", new NewUserForm(username, email, name,
                    roles == null ? List.of() : List.copyOf(roles)));
            return newUserPage(model);
        }
    }

    @GetMapping(USERS + "/{id}")
    String user(@PathVariable UUID id, Model model) {
        Account account = accounts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("account", account);
        model.addAttribute("roles", UserAccounts.ROLES);
        model.addAttribute("sessions", sessions.list(id));
        model.addAttribute("mustChangePassword", temporaryPasswords.mustChange(id));
        addPasswordRules(model);
        return "console/user";
    }

    @PostMapping(USERS + "/{id}/profile")
    String profile(@PathVariable UUID id, @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String name, Authentication admin, RedirectAttributes redirect) {
        return change(id, redirect, "Saved.", () -> accounts.updateProfile(id, email, name, admin.getName()));
    }

    @PostMapping(USERS + "/{id}/disable")
    String disable(@PathVariable UUID id, Authentication admin, RedirectAttributes redirect) {
        return change(id, redirect, "Disabled: their sessions ended and their tokens were revoked.",
                () -> accounts.setEnabled(id, false, admin.getName()));
    }

    @PostMapping(USERS + "/{id}/enable")
    String enable(@PathVariable UUID id, Authentication admin, RedirectAttributes redirect) {
        return change(id, redirect, "Enabled.", () -> accounts.setEnabled(id, true, admin.getName()));
    }

    @PostMapping(USERS + "/{id}/roles")
    String roles(@PathVariable UUID id, @RequestParam(required = false) Set<String> roles, Authentication admin,
            RedirectAttributes redirect) {
        return change(id, redirect, "Roles saved.", () -> accounts.setRoles(id, roles, admin.getName()));
    }

    @PostMapping(USERS + "/{id}/temporary-password")
    String temporaryPassword(@PathVariable UUID id, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String confirmation, Authentication admin,
            RedirectAttributes redirect) {
        return change(id, redirect, "Temporary password set: the user must choose their own at the next sign-in.",
                () -> {
                    requireSame(password, confirmation);
                    boolean set = temporaryPasswords.set(id, password);
                    if (set) {
                        accounts.recordChange("user.password", id, admin.getName(), Map.of("password", "temporary"));
                    }
                    return set;
                });
    }

    @PostMapping(USERS + "/{id}/end-sessions")
    String endSessions(@PathVariable UUID id, Authentication admin, RedirectAttributes redirect) {
        return change(id, redirect, "Their sessions ended and their tokens were revoked.", () -> {
            if (accounts.find(id).isEmpty()) {
                return false;
            }
            UserSessions.Ended ended = sessions.endAll(id, RevocationCause.SESSIONS_ENDED);
            accounts.recordChange("user.sessions.end", id, admin.getName(),
                    Map.of("sessions", ended.sessions(), "authorizations", ended.authorizations()));
            return true;
        });
    }

    /** A form that changes one user; what it says goes back to the user's page. */
    @FunctionalInterface
    private interface UserChange {

        /** @return false if there is no such user */
        boolean apply();
    }

    private static String change(UUID id, RedirectAttributes redirect, String done, UserChange change) {
        try {
            if (!change.apply()) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            redirect.addFlashAttribute("notice", done);
        }
        catch (RefusedChange | UnacceptablePasswordException refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:" + USERS + "/" + id;
    }

    private static void requireSame(String password, String confirmation) {
        if (!password.equals(confirmation)) {
            throw new UnacceptablePasswordException("password.refused.mismatch", "The two passwords are not the same.");
        }
    }

    private String newUserPage(Model model) {
        model.addAttribute("roles", UserAccounts.ROLES);
        addPasswordRules(model);
        return "console/user-new";
    }

    private static void addPasswordRules(Model model) {
        model.addAttribute("minPasswordLength", PasswordPolicy.MIN_LENGTH);
        model.addAttribute("maxPasswordBytes", PasswordPolicy.MAX_BYTES);
    }

    /** What the new-user form shows again after a refusal; never the password. */
    record NewUserForm(String username, String email, String name, List<String> roles) {
    }
}
