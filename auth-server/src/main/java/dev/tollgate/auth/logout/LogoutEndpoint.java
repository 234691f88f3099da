package dev.tollgate.auth.logout;

import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OidcLogoutEndpointConfigurer;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.web.Pages;

/**
 * RP-initiated logout ({@code /connect/logout}): only with an ID token of this browser's sign-in
 * ({@link SessionBoundLogout}), asked on the sign-out page without one ({@link LogoutConfirmation}), and revoking the
 * tokens granted in the session ({@link SessionTokensRevocation}).
 */
@Component
public class LogoutEndpoint {

    private final SessionTokensRevocation sessionTokensRevocation;

    public LogoutEndpoint(SessionTokensRevocation sessionTokensRevocation) {
        this.sessionTokensRevocation = sessionTokensRevocation;
    }

    /** For {@code oidc(oidc -> oidc.logoutEndpoint(...))}. */
    public void customize(OidcLogoutEndpointConfigurer logout) {
        logout.authenticationProviders(providers -> providers.replaceAll(SessionBoundLogout::wrap))
                .errorResponseHandler(new LogoutConfirmation(Pages.LOGOUT))
                .logoutResponseHandler(sessionTokensRevocation.rpInitiatedLogoutHandler());
    }
}
