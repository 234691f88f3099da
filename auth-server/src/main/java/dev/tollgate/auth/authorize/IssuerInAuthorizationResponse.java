package dev.tollgate.auth.authorize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Authorization responses that carry {@code iss} (RFC 9207), success and error alike, so a client talking to
 * several servers can tell which one answered (mix-up defence). Spring Authorization Server 7 does not add it.
 * An error without a trustworthy redirect URI (unknown client, unregistered redirect_uri) is never redirected:
 * it is shown on the error page.
 */
public final class IssuerInAuthorizationResponse implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    /** Discovery metadata name (RFC 9207 §3) announcing that responses carry {@code iss}. */
    public static final String METADATA_NAME = "authorization_response_iss_parameter_supported";

    private static final String ISS = "iss";

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        OAuth2AuthorizationCodeRequestAuthenticationToken result =
                (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
        UriComponentsBuilder redirect = UriComponentsBuilder.fromUriString(result.getRedirectUri())
                .queryParam(OAuth2ParameterNames.CODE, encode(result.getAuthorizationCode().getTokenValue()));
        redirect(response, redirect, result.getState());
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        OAuth2Error error = ((OAuth2AuthenticationException) exception).getError();
        OAuth2AuthorizationCodeRequestAuthenticationToken authorizationRequest =
                exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException requestException
                        ? requestException.getAuthorizationCodeRequestAuthentication() : null;
        if (authorizationRequest == null || !StringUtils.hasText(authorizationRequest.getRedirectUri())) {
            response.sendError(HttpStatus.BAD_REQUEST.value(), error.toString());
            return;
        }
        UriComponentsBuilder redirect = UriComponentsBuilder.fromUriString(authorizationRequest.getRedirectUri())
                .queryParam(OAuth2ParameterNames.ERROR, encode(error.getErrorCode()));
        if (StringUtils.hasText(error.getDescription())) {
            redirect.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION, encode(error.getDescription()));
        }
        if (StringUtils.hasText(error.getUri())) {
            redirect.queryParam(OAuth2ParameterNames.ERROR_URI, encode(error.getUri()));
        }
        redirect(response, redirect, authorizationRequest.getState());
    }

    private void redirect(HttpServletResponse response, UriComponentsBuilder redirect,
            String state) throws IOException {
        if (StringUtils.hasText(state)) {
            redirect.queryParam(OAuth2ParameterNames.STATE, encode(state));
        }
        redirect.queryParam(ISS, encode(AuthorizationServerContextHolder.getContext().getIssuer()));
        // not Spring Security's DefaultRedirectStrategy: it logs the URL at DEBUG, and this one carries the code
        response.sendRedirect(redirect.build(true).toUriString());
    }

    private static String encode(String value) {
        return UriUtils.encode(value, StandardCharsets.UTF_8);
    }
}
