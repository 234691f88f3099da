package dev.tollgate.auth.metrics;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.tollgate.auth.client.TollgateClientSettings;

/**
 * Notes on the request which registered client authenticated at a protocol endpoint, so that the endpoint's metrics
 * ({@link ProtocolEndpointMetrics}) are tagged with a real client id and never with whatever an unauthenticated caller
 * sent: its id if {@link ClientLabelProperties} names it, else {@value #OTHER}. It belongs in the protocol
 * endpoints' chain once the client has authenticated and before anything can answer for the endpoint (the rate
 * limit per client included): Spring Security forgets the client when the chain returns, before the metrics are
 * taken.
 */
public final class AuthenticatedClient extends OncePerRequestFilter {

    private static final String ATTRIBUTE = AuthenticatedClient.class.getName();

    static final String NONE = "none";

    static final String OTHER = "other";

    private final ClientLabelProperties labels;

    public AuthenticatedClient(ClientLabelProperties labels) {
        this.labels = labels;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2ClientAuthenticationToken client
                && client.isAuthenticated() && client.getRegisteredClient() != null) {
            request.setAttribute(ATTRIBUTE, labelOf(client.getRegisteredClient()));
        }
        chain.doFilter(request, response);
    }

    private String labelOf(RegisteredClient client) {
        boolean labelled = labels.labelled(client.getClientId())
                || labels.builtInLabelled() && TollgateClientSettings.isBuiltIn(client);
        return labelled ? client.getClientId() : OTHER;
    }

    static String of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String clientId ? clientId : NONE;
    }
}
