package dev.tollgate.auth.passwordchange;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.web.Pages;

/**
 * After a password sign-in: a user whose password is temporary goes to {@link PasswordChangeController}'s page
 * first (and stays there, {@link PasswordChangeGate}); everyone else goes where they were going.
 */
@Component
public class PasswordChangeOnSignIn implements AuthenticationSuccessHandler {

    private final TemporaryPasswords temporaryPasswords;

    private final SavedRequestAwareAuthenticationSuccessHandler continueAsBefore = continueToSavedRequest();

    PasswordChangeOnSignIn(TemporaryPasswords temporaryPasswords) {
        this.temporaryPasswords = temporaryPasswords;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication signIn) throws IOException, ServletException {
        if (temporaryPasswords.mustChange(UUID.fromString(signIn.getName()))) {
            request.getSession().setAttribute(PasswordChangeGate.REQUIRED, Boolean.TRUE);
            response.sendRedirect(request.getContextPath() + PasswordChangeController.PATH);
            return;
        }
        continueAsBefore.onAuthenticationSuccess(request, response, signIn);
    }

    /** Where a sign-in, or a password change after it, continues: the page asked for before, or the account page. */
    static SavedRequestAwareAuthenticationSuccessHandler continueToSavedRequest() {
        SavedRequestAwareAuthenticationSuccessHandler handler = new SavedRequestAwareAuthenticationSuccessHandler();
        handler.setDefaultTargetUrl(Pages.ACCOUNT);
        return handler;
    }
}
