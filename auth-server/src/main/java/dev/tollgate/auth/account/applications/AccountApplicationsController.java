package dev.tollgate.auth.account.applications;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.tollgate.auth.account.AccountAnswers;
import dev.tollgate.auth.account.AccountController;
import dev.tollgate.auth.account.AccountOwners;
import dev.tollgate.auth.account.changes.AccountChange;
import dev.tollgate.auth.account.changes.AccountChanged;
import dev.tollgate.auth.account.changes.AccountChanges;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.consent.ConsentWithdrawal;
import dev.tollgate.auth.user.TollgateUser;

/**
 * Removing a connected application: the consent is withdrawn and the application's tokens for the user are
 * revoked ({@link ConsentWithdrawal}, as an administrator's withdrawal does), so it stops acting for the user at once
 * and has to ask again.
 */
@Controller
class AccountApplicationsController {

    static final String REMOVE = AccountController.PATH + "/applications/remove";

    private final AccountOwners owners;

    private final RegisteredClientRepository clients;

    private final OAuth2AuthorizationConsentService consents;

    private final ConsentWithdrawal withdrawal;

    private final AccountChanges changes;

    private final AccountAnswers answers;

    private final TransactionOperations transactions;

    AccountApplicationsController(AccountOwners owners, RegisteredClientRepository clients,
            OAuth2AuthorizationConsentService consents, ConsentWithdrawal withdrawal, AccountChanges changes,
            AccountAnswers answers, TransactionOperations transactions) {
        this.owners = owners;
        this.clients = clients;
        this.consents = consents;
        this.withdrawal = withdrawal;
        this.changes = changes;
        this.answers = answers;
        this.transactions = transactions;
    }

    @PostMapping(REMOVE)
    String remove(Principal principal, @RequestParam(name = "client_id", defaultValue = "") String clientId,
            HttpServletRequest request, Locale locale, RedirectAttributes flash) {
        TollgateUser user = owners.of(principal);
        RegisteredClient client = clientId.isEmpty() ? null : clients.findByClientId(clientId);
        if (client == null || consents.findById(client.getId(), principal.getName()) == null) {
            return answers.error(flash, locale, "account.applications.not-connected");
        }
        transactions.executeWithoutResult(status -> {
            ConsentWithdrawal.Withdrawn withdrawn = withdrawal.withdraw(principal.getName(), client);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put(SecurityEvent.CLIENT, client.getClientId());
            details.put(AccountChanged.CLIENT_NAME, client.getClientName());
            details.put("before", String.join(" ", withdrawn.scopes()));
            details.put("authorizations", withdrawn.authorizations());
            changes.made(user, AccountChange.APPLICATION_REMOVED, request.getRemoteAddr(), locale, details);
        });
        return answers.notice(flash, locale, "account.applications.removed", client.getClientName());
    }
}
