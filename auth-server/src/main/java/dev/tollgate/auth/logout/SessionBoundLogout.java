package dev.tollgate.auth.logout;

import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;

import dev.tollgate.auth.session.SignIns;

/**
 * RP-initiated logout ({@code /connect/logout}) ends the browser's session only with an ID token of that session:
 * after Spring Authorization Server's checks (signature, audience, subject, post-logout redirect URI), the
 * {@code id_token_hint}'s {@code sid} must be this browser's sign-in's (see {@link SignIns}). An ID token from
 * another browser of the same user is refused ({@code invalid_token}) and ends nothing.
 */
public final class SessionBoundLogout implements AuthenticationProvider {

    private final AuthenticationProvider delegate;

    private SessionBoundLogout(AuthenticationProvider delegate) {
        this.delegate = delegate;
    }

    /** For {@code logoutEndpoint(logout -> logout.authenticationProviders(providers -> providers.replaceAll(...)))}. */
    public static AuthenticationProvider wrap(AuthenticationProvider provider) {
        return provider instanceof OidcLogoutAuthenticationProvider ? new SessionBoundLogout(provider) : provider;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        Authentication result = delegate.authenticate(authentication);
        if (result instanceof OidcLogoutAuthenticationToken logout && logout.isPrincipalAuthenticated()) {
            String tokenSid = logout.getIdToken().getClaimAsString("sid");
            Optional<String> browserSid = SignIns.sidOf((Authentication) logout.getPrincipal());
            if (tokenSid == null || browserSid.isEmpty() || !tokenSid.equals(browserSid.get())) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                        "OpenID Connect 1.0 Logout Request Parameter: sid",
                        "https://openid.net/specs/openid-connect-rpinitiated-1_0.html#ValidationAndErrorHandling"));
            }
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }
}
