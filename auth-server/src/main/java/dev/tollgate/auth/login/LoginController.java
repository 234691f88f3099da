package dev.tollgate.auth.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.tollgate.auth.web.Pages;

/**
 * The sign-in page. Spring Security's form login handles the POST; this only renders the form and,
 * when the sign-in interrupts an authorization request, names the application the user is signing in to.
 */
@Controller
class LoginController {

    private final RegisteredClientRepository clients;
    private final RequestCache requestCache = new HttpSessionRequestCache();

    LoginController(RegisteredClientRepository clients) {
        this.clients = clients;
    }

    @GetMapping(Pages.LOGIN)
    String login(HttpServletRequest request, HttpServletResponse response, Model model) {
        SavedRequest pending = requestCache.getRequest(request, response);
        model.addAttribute("clientName", clientNameOf(pending));
        model.addAttribute("loginHint", single(pending, "login_hint"));
        return "login";
    }

    @GetMapping(Pages.LOGOUT)
    String logout() {
        return "logout";
    }

    /** The application the user is signing in to, when the sign-in interrupts an authorization request. */
    private String clientNameOf(SavedRequest pending) {
        String clientId = single(pending, "client_id");
        RegisteredClient client = clientId == null ? null : clients.findByClientId(clientId);
        return client == null ? null : client.getClientName();
    }

    /** A parameter of the interrupted request, such as login_hint (OIDC Core 3.1.2.1), which pre-fills the username. */
    private static String single(SavedRequest pending, String name) {
        String[] values = pending == null ? null : pending.getParameterValues(name);
        return values == null || values.length != 1 ? null : values[0];
    }
}
