package dev.tollgate.auth.authorize;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * The authorization endpoint's answer to a request that failed: {@link FreshSignInRequired} shows the login page,
 * {@link SecondFactorRequired} the second factor's page, and both keep the request to come back to after it
 * ({@link AuthorizationRequestCache}); every other failure goes to the client as before.
 */
public final class FreshSignInEntry implements AuthenticationFailureHandler {

    private final AuthenticationFailureHandler clientAnswer;

    private final RequestCache requestCache;

    private final AuthenticationEntryPoint loginPage;

    private final AuthenticationEntryPoint secondFactorPage;

    public FreshSignInEntry(AuthenticationFailureHandler clientAnswer, RequestCache requestCache,
            AuthenticationEntryPoint loginPage, AuthenticationEntryPoint secondFactorPage) {
        this.clientAnswer = clientAnswer;
        this.requestCache = requestCache;
        this.loginPage = loginPage;
        this.secondFactorPage = secondFactorPage;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException, ServletException {
        if (exception instanceof FreshSignInRequired) {
            requestCache.saveRequest(request, response);
            loginPage.commence(request, response, exception);
            return;
        }
        if (exception instanceof SecondFactorRequired) {
            requestCache.saveRequest(request, response);
            secondFactorPage.commence(request, response, exception);
            return;
        }
        clientAnswer.onAuthenticationFailure(request, response, exception);
    }
}
