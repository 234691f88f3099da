package dev.tollgate.auth.federation;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.FlashMapManager;
import org.springframework.web.servlet.support.SessionFlashMapManager;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.LogValues;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.web.Pages;

/**
 * Every way an upstream sign-in can fail ends on Tollgate's login page with a plain message, or, when the verified
 * email belongs to a local account, on the page that asks for that account's password. Never on an error page.
 */
class UpstreamSignInFailure implements AuthenticationFailureHandler {

    /** The login page shows the message whose key is this model attribute (a flash attribute: a reload clears it). */
    static final String MESSAGE_ATTRIBUTE = "upstreamError";

    private static final Logger log = LoggerFactory.getLogger(UpstreamSignInFailure.class);

    /** Answers that mean the callback does not belong to a sign-in started in this browser. */
    private static final Set<String> NOT_STARTED_HERE = Set.of("authorization_request_not_found",
            "invalid_state_parameter", "client_registration_not_found", "invalid_redirect_uri_parameter",
            OAuth2ErrorCodes.INVALID_REQUEST);

    private final RedirectStrategy redirect = new DefaultRedirectStrategy();

    private final FlashMapManager flashMaps = new SessionFlashMapManager();

    private final AuditLog audit;

    UpstreamSignInFailure(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        if (failure instanceof AccountLinkRequired linkRequired) {
            request.getSession().setAttribute(PendingLink.SESSION_ATTRIBUTE, linkRequired.pendingLink());
            redirect.sendRedirect(request, response, LinkAccountController.PATH);
            return;
        }
        SignInProblem problem = problemOf(failure);
        // the message carries the upstream's error_description, which came back through the browser: anyone's text
        log.info("Upstream sign-in failed ({}): {}", problem, LogValues.escaped(failure.getMessage()));
        audit.record(SecurityEvent.of(SecurityEventType.SIGN_IN_FAILED)
                .with(SecurityEvent.ADDRESS, request.getRemoteAddr())
                .with("method", "upstream")
                .with("reason", problem.name().toLowerCase(Locale.ROOT)));
        showOnLoginPage(problem, request, response);
    }

    void showOnLoginPage(SignInProblem problem, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        FlashMap flash = new FlashMap();
        flash.put(MESSAGE_ATTRIBUTE, problem.messageKey());
        flash.setTargetRequestPath(request.getContextPath() + Pages.LOGIN);
        flashMaps.saveOutputFlashMap(flash, request, response);
        redirect.sendRedirect(request, response, Pages.LOGIN);
    }

    private static SignInProblem problemOf(AuthenticationException failure) {
        if (failure instanceof UpstreamSignInRefused refused) {
            return refused.problem();
        }
        if (failure instanceof OAuth2AuthenticationException oauth2) {
            String code = oauth2.getError().getErrorCode();
            if (OAuth2ErrorCodes.ACCESS_DENIED.equals(code)) {
                return SignInProblem.CANCELLED;
            }
            if (NOT_STARTED_HERE.contains(code)) {
                return SignInProblem.EXPIRED;
            }
        }
        return SignInProblem.UNAVAILABLE;
    }
}
