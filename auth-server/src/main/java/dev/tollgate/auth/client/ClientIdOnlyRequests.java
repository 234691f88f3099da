package dev.tollgate.auth.client;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

/**
 * Requests of a public client, which names itself by {@code client_id} alone (OAuth 2.1 §2.4): read only when they
 * carry no client credentials at all, which are left to the converters of the other methods.
 */
public final class ClientIdOnlyRequests {

    private ClientIdOnlyRequests() {
    }

    /** The client's claim to be {@code client_id}, method {@code none}, or null if the request is not such a one. */
    public static OAuth2ClientAuthenticationToken read(HttpServletRequest request) {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
                || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
            return null;
        }
        String clientId = single(request, OAuth2ParameterNames.CLIENT_ID);
        if (clientId == null) {
            return null;
        }
        return new OAuth2ClientAuthenticationToken(clientId, ClientAuthenticationMethod.NONE, null,
                parametersOf(request));
    }

    /** The one non-blank value of the parameter, or null. */
    public static String single(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values != null && values.length == 1 && !values[0].isBlank() ? values[0] : null;
    }

    /** Every parameter but {@code client_id}, a single value as itself. */
    public static Map<String, Object> parametersOf(HttpServletRequest request) {
        Map<String, Object> parameters = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!name.equals(OAuth2ParameterNames.CLIENT_ID)) {
                parameters.put(name, values.length == 1 ? values[0] : values);
            }
        });
        return parameters;
    }
}
