package dev.tollgate.auth.console.clients;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientMetadataClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.converter.RegisteredClientOAuth2ClientRegistrationConverter;
import org.springframework.security.oauth2.server.authorization.oidc.OidcClientMetadataClaimNames;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.tollgate.auth.registration.RegisteredClients;
import dev.tollgate.auth.registration.RegisteredClients.Change;
import dev.tollgate.auth.registration.RegisteredClients.Changer;

/**
 * The console's clients: {@code /admin/clients} lists them, {@code /admin/clients/new} registers one (its generated
 * secret is shown on the next page, once), {@code /admin/clients/{client_id}} shows one and changes its redirect URIs
 * and scopes, rotates its secret (shown once) or deletes it. Every change goes through {@link RegisteredClients}: the
 * rules of dynamic registration, the audit trail, the revocation of a deleted client's tokens.
 */
@Controller
class ClientsPages {

    private static final String CLIENTS = "/admin/clients";

    private static final int PAGE_SIZE = 25;

    private static final RegisteredClientOAuth2ClientRegistrationConverter METADATA =
            new RegisteredClientOAuth2ClientRegistrationConverter();

    private final RegisteredClients clients;

    ClientsPages(RegisteredClients clients) {
        this.clients = clients;
    }

    @GetMapping(CLIENTS)
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        int number = Math.max(page, 0);
        long total = clients.count();
        model.addAttribute("clients", clients.page(number, PAGE_SIZE).stream().map(ClientRow::of).toList());
        model.addAttribute("total", total);
        model.addAttribute("page", number);
        model.addAttribute("hasNext", (long) (number + 1) * PAGE_SIZE < total);
        return "console/clients";
    }

    @GetMapping(CLIENTS + "/new")
    String newClient(Model model) {
        model.addAttribute("form", new NewClientForm("", ClientKind.WEB.name(), "", "openid"));
        return newClientPage(model);
    }

    @PostMapping(CLIENTS + "/new")
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "WEB") String kind,
            @RequestParam(name = "redirect_uris", defaultValue = "") String redirectUris,
            @RequestParam(defaultValue = "") String scope, Authentication admin, Model model,
            RedirectAttributes redirect) {
        try {
            OAuth2ClientRegistration.Builder metadata = OAuth2ClientRegistration.builder();
            if (!name.isBlank()) {
                metadata.clientName(name.strip());
            }
            ClientKind.named(kind).describe(metadata);
            lines(redirectUris).forEach(metadata::redirectUri);
            words(scope).forEach(metadata::scope);
            Change created = clients.create(metadata.build(), admin.getName());
            redirect.addFlashAttribute("secret", created.secret());
            redirect.addFlashAttribute("notice", "Registered " + created.client().getClientId() + ".");
            return "redirect:" + CLIENTS + "/" + created.client().getClientId();
        }
        catch (OAuth2AuthenticationException | IllegalArgumentException refused) {
            model.addAttribute("error", messageOf(refused));
            model.addAttribute("form", new NewClientForm(name, kind, redirectUris, scope));
            return newClientPage(model);
        }
    }

    @GetMapping(CLIENTS + "/{clientId}")
    String client(@PathVariable String clientId, Model model) {
        RegisteredClient client = existing(clientId);
        model.addAttribute("client", ClientRow.of(client));
        model.addAttribute("metadata", clients.metadataOf(client));
        model.addAttribute("builtIn", RegisteredClients.BUILT_IN.contains(clientId));
        model.addAttribute("redirectUris", String.join("\n", client.getRedirectUris()));
        model.addAttribute("scope", String.join(" ", client.getScopes()));
        return "console/client";
    }

    @PostMapping(CLIENTS + "/{clientId}/update")
    String update(@PathVariable String clientId,
            @RequestParam(name = "redirect_uris", defaultValue = "") String redirectUris,
            @RequestParam(defaultValue = "") String scope, Authentication admin, RedirectAttributes redirect) {
        try {
            OAuth2ClientRegistration changed = OAuth2ClientRegistration.withClaims(currentMetadata(existing(clientId)))
                    .redirectUris(uris -> {
                        uris.clear();
                        uris.addAll(lines(redirectUris));
                    })
                    .scopes(scopes -> {
                        scopes.clear();
                        scopes.addAll(words(scope));
                    })
                    .build();
            clients.replace(clientId, changed, Changer.ADMINISTRATOR, admin.getName())
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            redirect.addFlashAttribute("notice", "Saved.");
        }
        catch (RuntimeException refused) {
            rethrowIfNotARefusal(refused);
            redirect.addFlashAttribute("error", messageOf(refused));
        }
        return "redirect:" + CLIENTS + "/" + clientId;
    }

    @PostMapping(CLIENTS + "/{clientId}/rotate")
    String rotate(@PathVariable String clientId, Authentication admin, RedirectAttributes redirect) {
        try {
            String secret = clients.rotateSecret(clientId, admin.getName())
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            redirect.addFlashAttribute("secret", secret);
            redirect.addFlashAttribute("notice", "A new secret: the old one stopped working.");
        }
        catch (RuntimeException refused) {
            rethrowIfNotARefusal(refused);
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:" + CLIENTS + "/" + clientId;
    }

    @PostMapping(CLIENTS + "/{clientId}/delete")
    String delete(@PathVariable String clientId, Authentication admin, RedirectAttributes redirect) {
        try {
            if (!clients.remove(clientId, admin.getName())) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            redirect.addFlashAttribute("notice", "Deleted " + clientId + "; its tokens were revoked.");
            return "redirect:" + CLIENTS;
        }
        catch (RuntimeException refused) {
            rethrowIfNotARefusal(refused);
            redirect.addFlashAttribute("error", refused.getMessage());
            return "redirect:" + CLIENTS + "/" + clientId;
        }
    }

    private RegisteredClient existing(String clientId) {
        return clients.find(clientId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The client's metadata as it stands, for a replacement that changes only some of it; never its secret. */
    private static Map<String, Object> currentMetadata(RegisteredClient client) {
        Map<String, Object> claims = new java.util.LinkedHashMap<>(METADATA.convert(client).getClaims());
        claims.remove(OAuth2ClientMetadataClaimNames.CLIENT_SECRET);
        claims.remove(OAuth2ClientMetadataClaimNames.CLIENT_SECRET_EXPIRES_AT);
        if (!client.getPostLogoutRedirectUris().isEmpty()) {
            claims.put(OidcClientMetadataClaimNames.POST_LOGOUT_REDIRECT_URIS,
                    List.copyOf(client.getPostLogoutRedirectUris()));
        }
        return claims;
    }

    /** The refusals of {@link RegisteredClients} are shown on the page; anything else is a fault, not bad input. */
    private static void rethrowIfNotARefusal(RuntimeException failure) {
        if (failure instanceof ResponseStatusException
                || !(failure instanceof OAuth2AuthenticationException || failure instanceof IllegalArgumentException
                        || failure instanceof RegisteredClients.BuiltInClient
                        || failure instanceof RegisteredClients.ClientHasNoSecret
                        || failure instanceof RegisteredClients.ClientChangedConcurrently)) {
            throw failure;
        }
    }

    private static String messageOf(RuntimeException refused) {
        if (refused instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription();
            return description == null ? oauth.getError().getErrorCode() : description;
        }
        return refused.getMessage();
    }

    private String newClientPage(Model model) {
        model.addAttribute("kinds", ClientKind.values());
        return "console/client-new";
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+")).filter(word -> !word.isEmpty()).toList();
    }

    /** What the new-client form shows again after a refusal. */
    record NewClientForm(String name, String kind, String redirectUris, String scope) {
    }
}
