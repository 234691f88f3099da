package dev.tollgate.auth.device;

import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import dev.tollgate.auth.client.ClientIdOnlyRequests;

/**
 * A public client (a TV, a command-line tool: no secret; RFC 8628 §3.1, §3.4) identified by its {@code client_id}
 * alone, and only where the device grant needs it: on the device authorization endpoint, and on the token endpoint for
 * {@code grant_type=urn:ietf:params:oauth:grant-type:device_code}. Only a client registered as public (method
 * {@code none}, no secret) with the device grant passes; the device code is then the credential. Requests with any
 * client credentials are left to the other converters.
 */
final class PublicDeviceClients {

    private PublicDeviceClients() {
    }

    /**
     * Reads such a request of a public device client as a client authentication of method {@code none}. Any other
     * client is not read at all, so that the request stays unauthenticated ({@code invalid_client}): a refusal by the
     * provider would only let Spring Authorization Server's PKCE check answer instead.
     */
    static AuthenticationConverter converter(String deviceAuthorizationEndpoint, String tokenEndpoint,
            RegisteredClientRepository clients) {
        RequestMatcher deviceAuthorization = PathPatternRequestMatcher.withDefaults()
                .matcher(HttpMethod.POST, deviceAuthorizationEndpoint);
        RequestMatcher token = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, tokenEndpoint);
        return request -> {
            boolean deviceRequest = deviceAuthorization.matches(request) || (token.matches(request)
                    && AuthorizationGrantType.DEVICE_CODE.getValue()
                            .equals(ClientIdOnlyRequests.single(request, OAuth2ParameterNames.GRANT_TYPE)));
            OAuth2ClientAuthenticationToken claim = deviceRequest ? ClientIdOnlyRequests.read(request) : null;
            if (claim == null || !isPublicDeviceClient(clients.findByClientId(claim.getPrincipal().toString()))) {
                return null;
            }
            return new DeviceClientRequest(claim.getPrincipal().toString(), claim.getAdditionalParameters());
        };
    }

    /** Authenticates what {@link #converter} read, and nothing else. */
    static AuthenticationProvider authenticationProvider(RegisteredClientRepository clients) {
        return new AuthenticationProvider() {

            @Override
            public Authentication authenticate(Authentication authentication) {
                RegisteredClient client = clients.findByClientId(authentication.getPrincipal().toString());
                if (!isPublicDeviceClient(client)) {
                    throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
                            "Client authentication failed: client_id", null));
                }
                return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return DeviceClientRequest.class.isAssignableFrom(authentication);
            }
        };
    }

    private static boolean isPublicDeviceClient(RegisteredClient client) {
        return client != null && client.getClientAuthenticationMethods().equals(Set.of(ClientAuthenticationMethod.NONE))
                && client.getClientSecret() == null
                && client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.DEVICE_CODE);
    }

    /** A device request naming its client by id only: a type of its own so that no other provider takes it. */
    private static final class DeviceClientRequest extends OAuth2ClientAuthenticationToken {

        DeviceClientRequest(String clientId, Map<String, Object> parameters) {
            super(clientId, ClientAuthenticationMethod.NONE, null, parameters);
        }
    }
}
