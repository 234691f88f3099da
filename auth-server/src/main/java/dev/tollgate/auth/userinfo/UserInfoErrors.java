package dev.tollgate.auth.userinfo;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;

/**
 * How the userinfo endpoint refuses a token, as RFC 6750 §3 says a protected resource does: {@code 401} for an
 * invalid token, {@code 403} for one without {@code openid}, each with its {@code WWW-Authenticate: Bearer}
 * challenge naming the error (Spring Authorization Server sends the status and the JSON error only).
 */
public final class UserInfoErrors implements AuthenticationFailureHandler {

    private final HttpMessageConverter<OAuth2Error> errors = new OAuth2ErrorHttpMessageConverter();

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        OAuth2Error error = failure instanceof OAuth2AuthenticationException oauth2 ? oauth2.getError()
                : new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN);
        ServletServerHttpResponse answer = new ServletServerHttpResponse(response);
        switch (error.getErrorCode()) {
            case OAuth2ErrorCodes.INVALID_TOKEN -> {
                answer.setStatusCode(HttpStatus.UNAUTHORIZED);
                answer.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge(error, null));
            }
            case OAuth2ErrorCodes.INSUFFICIENT_SCOPE -> {
                answer.setStatusCode(HttpStatus.FORBIDDEN);
                answer.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge(error, OidcScopes.OPENID));
            }
            default -> answer.setStatusCode(HttpStatus.BAD_REQUEST);
        }
        errors.write(error, null, answer);
    }

    private static String challenge(OAuth2Error error, String scope) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", error.getErrorCode());
        if (StringUtils.hasText(error.getDescription())) {
            parameters.put("error_description", error.getDescription());
        }
        if (scope != null) {
            parameters.put("scope", scope);
        }
        return "Bearer " + parameters.entrySet().stream()
                .map(parameter -> parameter.getKey() + "=\"" + parameter.getValue().replace("\"", "'") + "\"")
                .collect(Collectors.joining(", "));
    }
}
