package dev.tollgate.auth.device;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2DeviceAuthorizationRequestAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A device authorization request without {@code scope} asks for the client's registered scopes (RFC 6749 §3.3 lets
 * the server pick a default), except {@code openid}, which Spring Authorization Server does not grant to a device:
 * otherwise the user would be asked to allow nothing, and allowing nothing is a denial.
 */
final class RegisteredScopesByDefault implements AuthenticationConverter {

    private final OAuth2DeviceAuthorizationRequestAuthenticationConverter delegate =
            new OAuth2DeviceAuthorizationRequestAuthenticationConverter();

    @Override
    public Authentication convert(HttpServletRequest request) {
        Authentication converted = delegate.convert(request);
        if (converted instanceof OAuth2DeviceAuthorizationRequestAuthenticationToken deviceRequest
                && deviceRequest.getScopes().isEmpty()
                && deviceRequest.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null) {
            Set<String> registered = client.getRegisteredClient().getScopes().stream()
                    .filter(scope -> !OidcScopes.OPENID.equals(scope))
                    .collect(Collectors.toSet());
            return new OAuth2DeviceAuthorizationRequestAuthenticationToken(client,
                    deviceRequest.getAuthorizationUri(), registered, deviceRequest.getAdditionalParameters());
        }
        return converted;
    }
}
