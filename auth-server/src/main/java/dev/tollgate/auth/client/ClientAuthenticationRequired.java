package dev.tollgate.auth.client;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The answer of the endpoints that only clients call (token, introspection, revocation) to a request that does not
 * say which client it comes from: {@code 401 invalid_client} with a Basic challenge (RFC 6749 §5.2), whatever the
 * request accepts. A program that sends {@code Accept: *}{@code /*}, as curl does, would otherwise be sent to the
 * login page meant for people.
 */
public final class ClientAuthenticationRequired implements AuthenticationEntryPoint {

    private static final OAuth2Error ERROR = new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
            "Client authentication is required (client_secret_basic, client_secret_post or private_key_jwt).",
            "https://datatracker.ietf.org/doc/html/rfc6749#section-5.2");

    private final HttpMessageConverter<OAuth2Error> errors = new OAuth2ErrorHttpMessageConverter();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException notAuthenticated) throws IOException {
        ServletServerHttpResponse answer = new ServletServerHttpResponse(response);
        answer.setStatusCode(HttpStatus.UNAUTHORIZED);
        answer.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tollgate\"");
        errors.write(ERROR, null, answer);
    }
}
