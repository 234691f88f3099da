package dev.tollgate.auth.consent;

import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.tollgate.auth.web.Pages;

/**
 * Renders the consent page that Spring Authorization Server redirects to. The form posts back to the
 * authorization endpoint, which records the decision and answers the client, or for a device (a user code in the
 * request) to the device verification endpoint.
 */
@Controller
class ConsentController {

    private final RegisteredClientRepository clients;
    private final OAuth2AuthorizationConsentService consents;
    private final AuthorizationServerSettings endpoints;

    private final MessageSource messages;

    ConsentController(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents,
            AuthorizationServerSettings endpoints, MessageSource messages) {
        this.clients = clients;
        this.consents = consents;
        this.endpoints = endpoints;
        this.messages = messages;
    }

    @GetMapping(Pages.CONSENT)
    String consent(Principal principal, Model model, Locale locale,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "scope", required = false) String scope,
            @RequestParam(name = "state", required = false) String state,
            @RequestParam(name = "user_code", required = false) String userCode) {
        RegisteredClient client = clientId == null ? null : clients.findByClientId(clientId);
        if (client == null || state == null || scope == null) {
            model.addAttribute("message", messages.getMessage("consent-invalid.incomplete", null, locale));
            return "consent-invalid";
        }
        Set<String> approvedBefore = approvedScopes(client, principal);
        List<ConsentRequest.ScopeRow> rows = Arrays.stream(scope.split(" "))
                .filter(s -> !s.isBlank() && !OidcScopes.OPENID.equals(s))
                .distinct()
                .map(s -> new ConsentRequest.ScopeRow(s,
                        messages.getMessage(ScopeDescriptions.describe(s), locale), approvedBefore.contains(s)))
                .toList();
        boolean signIn = Arrays.asList(scope.split(" ")).contains(OidcScopes.OPENID);
        // a device's request (RFC 8628) is answered at the device verification endpoint, with its user code
        String answeredAt = userCode == null ? endpoints.getAuthorizationEndpoint()
                : endpoints.getDeviceVerificationEndpoint();
        model.addAttribute("consent", new ConsentRequest(client.getClientId(), client.getClientName(), state, signIn,
                rows, answeredAt, userCode));
        return "consent";
    }

    private Set<String> approvedScopes(RegisteredClient client, Principal principal) {
        OAuth2AuthorizationConsent current = consents.findById(client.getId(), principal.getName());
        return current == null ? Set.of() : current.getScopes();
    }
}
