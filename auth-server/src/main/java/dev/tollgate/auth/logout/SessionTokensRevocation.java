package dev.tollgate.auth.logout;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.authorization.RevocationCause;
import dev.tollgate.auth.authorization.TokenFamilies;
import dev.tollgate.auth.backchannel.BackChannelLogout;
import dev.tollgate.auth.session.BrowserSession;
import dev.tollgate.auth.signals.SharedSignals;
import dev.tollgate.auth.session.SignIns;

/**
 * Signing out at Tollgate (the sign-out page or RP-initiated logout) is recorded ({@code SIGN_OUT}) and revokes every
 * token of the authorizations the user granted in that browser session: refresh tokens, and the access and ID tokens
 * issued with them; the clients that signed in through the session get a logout token ({@link BackChannelLogout}),
 * resource servers a {@code session-revoked} ({@link SharedSignals}).
 * It must run before the session is invalidated.
 */
@Component
public class SessionTokensRevocation implements LogoutHandler {

    private final TokenFamilies authorizations;

    private final AuditLog audit;

    private final BackChannelLogout backChannelLogout;

    private final SharedSignals signals;

    public SessionTokensRevocation(TokenFamilies authorizations, AuditLog audit, BackChannelLogout backChannelLogout,
            SharedSignals signals) {
        this.authorizations = authorizations;
        this.audit = audit;
        this.backChannelLogout = backChannelLogout;
        this.signals = signals;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (authentication != null) {
            audit.record(SecurityEvent.of(SecurityEventType.SIGN_OUT)
                    .with(SecurityEvent.USER, authentication.getName())
                    .with(SecurityEvent.ADDRESS, request.getRemoteAddr()));
        }
        BrowserSession.digestOf(request).ifPresent(session -> {
            if (authentication != null) {
                backChannelLogout.sessionEnded(authentication.getName(), SignIns.sidOf(authentication), session);
                signals.sessionRevoked(authentication.getName(), SignIns.sidOf(authentication));
            }
            int revoked = authorizations.revokeAllOfSession(session, RevocationCause.SIGN_OUT);
            if (revoked > 0) {
                audit.record(SecurityEvent.of(SecurityEventType.SESSION_TOKENS_REVOKED)
                        .with("authorizations", revoked)
                        .with(SecurityEvent.USER, authentication == null ? null : authentication.getName()));
            }
        });
    }

    /** The response to RP-initiated logout ({@code /connect/logout}): revoke, end the session, redirect. */
    public AuthenticationSuccessHandler rpInitiatedLogoutHandler() {
        SecurityContextLogoutHandler endSession = new SecurityContextLogoutHandler();
        OidcLogoutAuthenticationSuccessHandler handler = new OidcLogoutAuthenticationSuccessHandler();
        handler.setLogoutHandler((request, response, authentication) -> {
            OidcLogoutAuthenticationToken logout = (OidcLogoutAuthenticationToken) authentication;
            logout(request, response, logout.isPrincipalAuthenticated() ? (Authentication) logout.getPrincipal() : null);
            if (logout.isPrincipalAuthenticated()) {
                endSession.logout(request, response, (Authentication) logout.getPrincipal());
            }
        });
        return handler;
    }
}
