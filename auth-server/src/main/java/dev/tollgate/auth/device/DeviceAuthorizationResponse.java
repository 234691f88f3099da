package dev.tollgate.auth.device;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2DeviceAuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2DeviceAuthorizationResponseHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The device authorization response (RFC 8628 §3.2) with the verification page under the issuer and the polling
 * {@code interval}, which Spring Authorization Server leaves out.
 */
final class DeviceAuthorizationResponse implements AuthenticationSuccessHandler {

    private final OAuth2DeviceAuthorizationResponseHttpMessageConverter json =
            new OAuth2DeviceAuthorizationResponseHttpMessageConverter();

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        OAuth2DeviceAuthorizationRequestAuthenticationToken issued =
                (OAuth2DeviceAuthorizationRequestAuthenticationToken) authentication;
        AuthorizationServerContext server = AuthorizationServerContextHolder.getContext();
        String verificationUri = server.getIssuer()
                + server.getAuthorizationServerSettings().getDeviceVerificationEndpoint();
        String verificationUriComplete = UriComponentsBuilder.fromUriString(verificationUri)
                .queryParam(OAuth2ParameterNames.USER_CODE, issued.getUserCode().getTokenValue())
                .toUriString();
        json.write(OAuth2DeviceAuthorizationResponse.with(issued.getDeviceCode(), issued.getUserCode())
                        .verificationUri(verificationUri)
                        .verificationUriComplete(verificationUriComplete)
                        .interval(DeviceCodePolling.INTERVAL.toSeconds())
                        .build(),
                null, new ServletServerHttpResponse(response));
    }
}
