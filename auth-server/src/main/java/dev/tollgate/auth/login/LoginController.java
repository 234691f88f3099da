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

    @GetMapping("/login")
    String login(HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("clientName", clientNameOfPendingAuthorization(request, response));
        return "login";
    }

    @GetMapping("/logout")
    String logout() {
        return "logout";
    }

    private String clientNameOfPendingAuthorization(HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = requestCache.getRequest(request, response);
        String[] clientIds = saved == null ? null : saved.getParameterValues("client_id");
        if (clientIds == null || clientIds.length != 1) {
            return null;
        }
        RegisteredClient client = clients.findByClientId(clientIds[0]);
        return client == null ? null : client.getClientName();
    }
}
