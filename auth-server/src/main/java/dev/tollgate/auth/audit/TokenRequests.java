package dev.tollgate.auth.audit;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

/** What the security events say about a protocol request. */
public final class TokenRequests {

    private TokenRequests() {
    }

    /** The id of the authenticated client that made the request, if known. */
    public static String clientIdOf(Authentication request) {
        return request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null ? client.getRegisteredClient().getClientId() : null;
    }
}
