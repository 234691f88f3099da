package dev.tollgate.auth.client;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads a refresh_token grant request that identifies the client by {@code client_id} alone (a public client, which
 * has no secret; OAuth 2.1 §4.3). Spring Authorization Server only knows public clients on the code exchange,
 * where PKCE authenticates them. Any request carrying credentials is left to the other converters.
 */
public final class PublicClientRefreshConverter implements AuthenticationConverter {

    @Override
    public Authentication convert(HttpServletRequest request) {
        if (!HttpMethod.POST.matches(request.getMethod()) || !AuthorizationGrantType.REFRESH_TOKEN.getValue()
                .equals(ClientIdOnlyRequests.single(request, OAuth2ParameterNames.GRANT_TYPE))) {
            return null;
        }
        return ClientIdOnlyRequests.read(request);
    }
}
