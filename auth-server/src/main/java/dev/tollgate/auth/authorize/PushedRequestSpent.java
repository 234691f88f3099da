package dev.tollgate.auth.authorize;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

import dev.tollgate.auth.par.PushedRequests;

/**
 * Sends a code only once its pushed authorization request, if it came from one, is spent
 * ({@link PushedRequests#spend}), whether the code follows the request at once or the consent page: of two requests
 * with the same {@code request_uri} only one gets a code, the other {@code invalid_request_uri}.
 */
final class PushedRequestSpent implements AuthenticationSuccessHandler {

    private final PushedRequests pushedRequests;

    private final AuthenticationSuccessHandler codeAnswer;

    private final AuthenticationFailureHandler errorAnswer;

    PushedRequestSpent(PushedRequests pushedRequests, AuthenticationSuccessHandler codeAnswer,
            AuthenticationFailureHandler errorAnswer) {
        this.pushedRequests = pushedRequests;
        this.codeAnswer = codeAnswer;
        this.errorAnswer = errorAnswer;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, ServletException {
        OAuth2AuthorizationCodeRequestAuthenticationToken result =
                (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
        if (result.getAuthorizationCode() != null && !pushedRequests.spend(result.getAuthorizationCode())) {
            errorAnswer.onAuthenticationFailure(request, response, PushedRequests.alreadyUsed());
            return;
        }
        codeAnswer.onAuthenticationSuccess(request, response, authentication);
    }
}
