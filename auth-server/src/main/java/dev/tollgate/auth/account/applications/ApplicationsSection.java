package dev.tollgate.auth.account.applications;

import java.security.Principal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.springframework.context.MessageSource;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import dev.tollgate.auth.account.AccountController;
import dev.tollgate.auth.account.AccountTimes;
import dev.tollgate.auth.authorization.TokenFamilies;
import dev.tollgate.auth.consent.ScopeDescriptions;
import dev.tollgate.auth.consent.UserConsents;

/**
 * The connected applications section of the account page ({@code templates/account/applications.html}): each
 * consent of the user, with what it allows and when the application last used it.
 */
@ControllerAdvice(assignableTypes = AccountController.class)
class ApplicationsSection {

    private final UserConsents consents;

    private final RegisteredClientRepository clients;

    private final TokenFamilies tokens;

    private final MessageSource messages;

    ApplicationsSection(UserConsents consents, RegisteredClientRepository clients, TokenFamilies tokens,
            MessageSource messages) {
        this.consents = consents;
        this.clients = clients;
        this.tokens = tokens;
        this.messages = messages;
    }

    /** By name. */
    @ModelAttribute("connectedApplications")
    List<ApplicationRow> connectedApplications(Principal principal, Locale locale) {
        Map<String, Instant> lastUsed = tokens.lastAccessTokenByClient(principal.getName());
        return consents.of(principal.getName()).stream()
                .map(consent -> row(consent, lastUsed.get(consent.getRegisteredClientId()), locale))
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(ApplicationRow::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    private ApplicationRow row(OAuth2AuthorizationConsent consent, Instant lastUsed, Locale locale) {
        RegisteredClient client = clients.findById(consent.getRegisteredClientId());
        if (client == null) {
            return null;
        }
        List<String> permissions = consent.getScopes().stream().sorted()
                .map(scope -> messages.getMessage(ScopeDescriptions.describe(scope), locale)).toList();
        return new ApplicationRow(client.getClientId(), client.getClientName(), permissions,
                lastUsed == null ? null : AccountTimes.format(lastUsed, locale));
    }
}
