package dev.tollgate.auth.authorize;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

import dev.tollgate.auth.par.PushedRequests;

/**
 * Reads an authorization request that refers to a pushed one ({@code client_id} and {@code request_uri}, RFC 9126
 * section 4) as if the pushed parameters had come in the URL, and nothing else from the URL: from here on it is
 * checked and answered like any authorization request (sign-in, {@code prompt}, {@code max_age}, admin-only scopes,
 * consent). Spring Authorization Server never sees the {@code request_uri}: its own reading of a pushed request
 * expires it by the system clock, and rebuilds the request after Tollgate's converters ran, undoing them. The
 * request carries {@link PushedRequests#PUSHED_REQUEST}, so that the code it leads to spends it; a client's own
 * value of that parameter is dropped.
 */
final class PushedRequestResolver implements AuthenticationConverter {

    private final AuthenticationConverter delegate;

    private final PushedRequests pushedRequests;

    PushedRequestResolver(AuthenticationConverter delegate, PushedRequests pushedRequests) {
        this.delegate = delegate;
        this.pushedRequests = pushedRequests;
    }

    @Override
    public Authentication convert(HttpServletRequest request) {
        String requestUri = request.getParameter(OAuth2ParameterNames.REQUEST_URI);
        if (requestUri == null) {
            return withoutPushedRequestMark(delegate.convert(request));
        }
        if (request.getParameterValues(OAuth2ParameterNames.REQUEST_URI).length != 1) {
            throw OidcRequestParameters.error(OAuth2ErrorCodes.INVALID_REQUEST, "OAuth 2.0 Parameter: request_uri", null);
        }
        PushedRequests.Pushed pushed = pushedRequests.find(requestUri,
                request.getParameter(OAuth2ParameterNames.CLIENT_ID));
        OAuth2AuthorizationRequest pushedRequest = pushed.request();
        Map<String, Object> parameters = new HashMap<>(pushedRequest.getAdditionalParameters());
        parameters.put(PushedRequests.PUSHED_REQUEST, pushed.id());
        return new OAuth2AuthorizationCodeRequestAuthenticationToken(request.getRequestURL().toString(),
                pushedRequest.getClientId(), RequestObjectsRefused.currentUser(), pushedRequest.getRedirectUri(),
                pushedRequest.getState(), pushedRequest.getScopes(), parameters);
    }

    private static Authentication withoutPushedRequestMark(Authentication converted) {
        if (!(converted instanceof OAuth2AuthorizationCodeRequestAuthenticationToken request)
                || !request.getAdditionalParameters().containsKey(PushedRequests.PUSHED_REQUEST)) {
            return converted;
        }
        Map<String, Object> parameters = new HashMap<>(request.getAdditionalParameters());
        parameters.remove(PushedRequests.PUSHED_REQUEST);
        return new OAuth2AuthorizationCodeRequestAuthenticationToken(request.getAuthorizationUri(),
                request.getClientId(), (Authentication) request.getPrincipal(), request.getRedirectUri(),
                request.getState(), request.getScopes(), parameters);
    }
}
