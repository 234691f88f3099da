package dev.tollgate.auth.passkey;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.MediaType;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.passwordchange.PasswordChangeOnSignIn;

/**
 * How a passkey sign-in ends. The login page's script made the request, so the answer is JSON rather than a redirect:
 * {@code {"authenticated": true, "redirectUrl": ...}} with the page a password sign-in would have gone to (the
 * interrupted authorization request, the required password change, or the account page), or a 401 with
 * {@code {"error": "passkey_not_accepted"}}, which the page turns into a message. A disabled account gets the same
 * answer as an unknown passkey; the audit trail tells them apart.
 */
@Component
class PasskeySignInOutcome implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PasswordChangeOnSignIn continueAsAfterPassword;

    private final AuditLog audit;

    PasskeySignInOutcome(PasswordChangeOnSignIn continueAsAfterPassword, AuditLog audit) {
        this.continueAsAfterPassword = continueAsAfterPassword;
        this.audit = audit;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication signIn) throws IOException, ServletException {
        audit.record(SecurityEvent.of(SecurityEventType.SIGN_IN)
                .with(SecurityEvent.USER, signIn.getName())
                .with(SecurityEvent.ADDRESS, request.getRemoteAddr())
                .with("method", "passkey"));
        continueAsAfterPassword.onAuthenticationSuccess(request, new RedirectAsJson(response), signIn);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException refused) throws IOException {
        String reason = refused instanceof DisabledException ? "account_disabled" : "passkey_not_accepted";
        audit.record(SecurityEvent.of(SecurityEventType.SIGN_IN_FAILED)
                .with(SecurityEvent.ADDRESS, request.getRemoteAddr())
                .with("method", "passkey")
                .with("reason", reason));
        write(response, HttpServletResponse.SC_UNAUTHORIZED, Map.of("error", "passkey_not_accepted"));
    }

    private static void write(HttpServletResponse response, int status, Map<String, Object> body) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(body));
    }

    /** Answers the redirect a password sign-in would send with the JSON the login page's script follows. */
    private static final class RedirectAsJson extends HttpServletResponseWrapper {

        RedirectAsJson(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            write((HttpServletResponse) getResponse(), HttpServletResponse.SC_OK,
                    Map.of("authenticated", true, "redirectUrl", location));
        }

        @Override
        public void sendRedirect(String location, int status, boolean clearBuffer) throws IOException {
            sendRedirect(location);
        }
    }
}
