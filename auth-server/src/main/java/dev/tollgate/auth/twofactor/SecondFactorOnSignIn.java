package dev.tollgate.auth.twofactor;

import java.io.IOException;
import java.time.Clock;
import java.util.UUID;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.passwordchange.PasswordChangeOnSignIn;
import dev.tollgate.auth.session.AfterFirstFactor;
import dev.tollgate.auth.web.Pages;

/**
 * After the password or an upstream sign-in: a user with TOTP is not signed in yet but asked for the code
 * ({@link PendingSignIn}, {@link TwoFactorSignInController}); everyone else continues as before
 * ({@link PasswordChangeOnSignIn}).
 */
@Component
public class SecondFactorOnSignIn implements AfterFirstFactor {

    private final SecondFactorCheck check;

    private final PasswordChangeOnSignIn next;

    private final Clock clock;

    SecondFactorOnSignIn(SecondFactorCheck check, PasswordChangeOnSignIn next, Clock clock) {
        this.check = check;
        this.next = next;
        this.clock = clock;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication signIn) throws IOException, ServletException {
        if (!check.isEnabled(UUID.fromString(signIn.getName()))) {
            next.onAuthenticationSuccess(request, response, signIn);
            return;
        }
        PendingSignIn.park(signIn, clock.instant(), request);
        response.sendRedirect(request.getContextPath() + Pages.TWO_FACTOR);
    }

    /** Where a sign-in continues once its code is right. */
    void continueAfterCode(HttpServletRequest request, HttpServletResponse response, Authentication signIn)
            throws IOException, ServletException {
        next.onAuthenticationSuccess(request, response, signIn);
    }
}
