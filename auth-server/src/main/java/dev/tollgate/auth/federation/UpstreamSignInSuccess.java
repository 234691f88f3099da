package dev.tollgate.auth.federation;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;

/**
 * The upstream provider has signed the person in: apply the account rules, sign the browser in as the local user
 * (the upstream authentication was never stored in the session) and resume where the sign-in started, usually the
 * third-party app's pending authorization request.
 */
class UpstreamSignInSuccess implements AuthenticationSuccessHandler {

    private final UpstreamProviders providers;

    private final FederatedAccounts accounts;

    private final LocalUserSession session;

    private final UpstreamSignInFailure failure;

    private final AuthenticationSuccessHandler resume;

    private final AuditLog audit;

    UpstreamSignInSuccess(UpstreamProviders providers, FederatedAccounts accounts, LocalUserSession session,
            UpstreamSignInFailure failure, AuthenticationSuccessHandler resume, AuditLog audit) {
        this.providers = providers;
        this.accounts = accounts;
        this.session = session;
        this.failure = failure;
        this.resume = resume;
        this.audit = audit;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, ServletException {
        OAuth2AuthenticationToken upstream = (OAuth2AuthenticationToken) authentication;
        SecurityContextHolder.clearContext();
        Authentication local;
        try {
            UpstreamProvider provider = providers.byId(upstream.getAuthorizedClientRegistrationId()).orElseThrow();
            local = session.signIn(accounts.signIn(provider, UpstreamIdentity.of(upstream)),
                    List.of(FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY), request, response);
        }
        catch (AuthenticationException refused) {
            failure.onAuthenticationFailure(request, response, refused);
            return;
        }
        catch (DataAccessException storeFailed) {
            failure.onAuthenticationFailure(request, response,
                    new InternalAuthenticationServiceException("could not store the federated user", storeFailed));
            return;
        }
        audit.record(SecurityEvent.of(SecurityEventType.SIGN_IN)
                .with(SecurityEvent.USER, local.getName())
                .with(SecurityEvent.ADDRESS, request.getRemoteAddr())
                .with("method", "upstream")
                .with("provider", upstream.getAuthorizedClientRegistrationId()));
        resume.onAuthenticationSuccess(request, response, local);
    }
}
