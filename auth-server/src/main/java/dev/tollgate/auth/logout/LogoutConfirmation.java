package dev.tollgate.auth.logout;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;

/**
 * RP-initiated logout without an {@code id_token_hint} (OIDC RP-Initiated Logout 1.0 §2, §4): nothing tells which
 * application asks, so the browser is never sent back to a {@code post_logout_redirect_uri}; the user is asked on
 * Tollgate's own sign-out page whether to sign out. Any other invalid logout request is a 400 error page.
 */
public final class LogoutConfirmation implements AuthenticationFailureHandler {

    private final String signOutPage;

    public LogoutConfirmation(String signOutPage) {
        this.signOutPage = signOutPage;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        if (!StringUtils.hasText(request.getParameter("id_token_hint"))) {
            response.sendRedirect(request.getContextPath() + signOutPage);
            return;
        }
        response.sendError(HttpStatus.BAD_REQUEST.value(), exception instanceof OAuth2AuthenticationException oauth
                ? oauth.getError().toString() : HttpStatus.BAD_REQUEST.getReasonPhrase());
    }
}
