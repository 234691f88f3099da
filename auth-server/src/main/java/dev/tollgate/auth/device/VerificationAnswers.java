package dev.tollgate.auth.device;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceVerificationAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.util.UriComponentsBuilder;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.ratelimit.RateLimits;

/**
 * What the browser sees once the verification endpoint has decided: the verification page again, telling that the
 * device was approved, denied, that the user must sign in with two factors first, or that the code did not work
 * (which counts against the guessing limit); approvals and
 * denials go to the audit trail.
 */
final class VerificationAnswers implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    static final String RESULT = "result";

    static final String APPROVED = "approved";

    static final String DENIED = "denied";

    static final String WRONG_CODE = "wrong-code";

    static final String SECOND_FACTOR = "second-factor";

    private final String verificationPage;

    private final AuditLog audit;

    VerificationAnswers(String verificationPage, AuditLog audit) {
        this.verificationPage = verificationPage;
        this.audit = audit;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        OAuth2DeviceVerificationAuthenticationToken approved =
                (OAuth2DeviceVerificationAuthenticationToken) authentication;
        record(SecurityEventType.DEVICE_APPROVED, request, approved.getClientId());
        show(request, response, APPROVED);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        if (exception instanceof OAuth2AuthenticationException refused
                && OAuth2ErrorCodes.ACCESS_DENIED.equals(refused.getError().getErrorCode())) {
            record(SecurityEventType.DEVICE_DENIED, request, request.getParameter(OAuth2ParameterNames.CLIENT_ID));
            show(request, response, DENIED);
            return;
        }
        if (exception instanceof OAuth2AuthenticationException refused && DeviceVerification.SECOND_FACTOR_REQUIRED
                .equals(refused.getError().getErrorCode())) {
            show(request, response, SECOND_FACTOR);
            return;
        }
        RateLimits.countAsWrongUserCode(request);
        show(request, response, WRONG_CODE);
    }

    private void record(SecurityEventType type, HttpServletRequest request, String clientId) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        audit.record(SecurityEvent.of(type)
                .with(SecurityEvent.USER, user == null ? null : user.getName())
                .with(SecurityEvent.CLIENT, clientId)
                .with(SecurityEvent.ADDRESS, request.getRemoteAddr()));
    }

    private void show(HttpServletRequest request, HttpServletResponse response, String result) throws IOException {
        response.sendRedirect(UriComponentsBuilder.fromPath(request.getContextPath() + verificationPage)
                .queryParam(RESULT, result).toUriString());
    }
}
