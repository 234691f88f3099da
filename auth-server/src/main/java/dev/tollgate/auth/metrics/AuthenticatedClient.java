package dev.tollgate.auth.metrics;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Remembers, on the current request, which registered client authenticated at a protocol endpoint, so that the
 * endpoint's metrics can be tagged with a real client id and never with whatever an unauthenticated caller sent.
 */
@Component
class AuthenticatedClient {

    private static final String ATTRIBUTE = AuthenticatedClient.class.getName();

    static final String NONE = "none";

    @EventListener
    void onAuthenticated(AuthenticationSuccessEvent event) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && event.getAuthentication() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null) {
            request.setAttribute(ATTRIBUTE, client.getRegisteredClient().getClientId(),
                    RequestAttributes.SCOPE_REQUEST);
        }
    }

    static String of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String clientId ? clientId : NONE;
    }
}
