package dev.tollgate.auth.authorize;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.util.StringUtils;

import dev.tollgate.auth.par.PushedRequests;

/**
 * Refuses authorization requests that carry a request object ({@code request}) or a reference to one
 * ({@code request_uri}): Tollgate supports neither (discovery says {@code request_parameter_supported: false}),
 * and Spring Authorization Server would otherwise ignore the object and serve the plain parameters, which may
 * differ from what the client signed. The error (OIDC Core 3.1.2.6) goes back to the client, with {@code state},
 * when the redirect URI is one it registered, and is shown on the error page otherwise. The one {@code request_uri}
 * Tollgate knows is the reference to a pushed authorization request (RFC 9126), read by
 * {@link PushedRequestResolver}.
 */
public final class RequestObjectsRefused implements AuthenticationConverter {

    static final String REQUEST = "request";

    private static final Map<String, String> ERRORS = Map.of(
            REQUEST, "request_not_supported",
            OAuth2ParameterNames.REQUEST_URI, "request_uri_not_supported");

    private static final String ERROR_URI = "https://openid.net/specs/openid-connect-core-1_0.html#AuthError";

    private final AuthenticationConverter delegate;

    private final RegisteredClientRepository clients;

    public RequestObjectsRefused(AuthenticationConverter delegate, RegisteredClientRepository clients) {
        this.delegate = delegate;
        this.clients = clients;
    }

    @Override
    public Authentication convert(HttpServletRequest request) {
        for (Map.Entry<String, String> unsupported : ERRORS.entrySet()) {
            String value = request.getParameter(unsupported.getKey());
            if (value != null && !isPushedRequestReference(unsupported.getKey(), value)) {
                throw refusal(request, new OAuth2Error(unsupported.getValue(),
                        "Tollgate does not support the " + unsupported.getKey() + " parameter.", ERROR_URI));
            }
        }
        return delegate.convert(request);
    }

    private static boolean isPushedRequestReference(String parameter, String value) {
        return OAuth2ParameterNames.REQUEST_URI.equals(parameter) && value.startsWith(PushedRequests.REQUEST_URI_PREFIX);
    }

    private OAuth2AuthorizationCodeRequestAuthenticationException refusal(HttpServletRequest request,
            OAuth2Error error) {
        String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
        String redirectUri = request.getParameter(OAuth2ParameterNames.REDIRECT_URI);
        RegisteredClient client = StringUtils.hasText(clientId) ? clients.findByClientId(clientId) : null;
        if (client == null || !StringUtils.hasText(redirectUri)
                || !NativeAppRedirectUris.registered(client, redirectUri)) {
            return new OAuth2AuthorizationCodeRequestAuthenticationException(error, null);
        }
        String scope = request.getParameter(OAuth2ParameterNames.SCOPE);
        Set<String> scopes = scope == null ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(StringUtils.delimitedListToStringArray(scope, " ")));
        return new OAuth2AuthorizationCodeRequestAuthenticationException(error,
                new OAuth2AuthorizationCodeRequestAuthenticationToken(request.getRequestURL().toString(), clientId,
                        currentUser(), redirectUri, request.getParameter(OAuth2ParameterNames.STATE), scopes,
                        Map.of()));
    }

    static Authentication currentUser() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return user != null ? user : new AnonymousAuthenticationToken("anonymous", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    }
}
