package dev.tollgate.auth.authorize;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code prompt=none} from a browser that is not signed in: {@code login_required} to the client, never the login
 * page (OIDC Core 3.1.2.6). Spring Security 7 validates an authorization request before checking the user, and only
 * then sends a signed-out user to sign in, so Spring Authorization Server's own prompt=none answer is never reached;
 * this filter sits between the two and answers a request that passed the validation (so its redirect URI is the
 * client's registered one).
 */
public final class PromptNoneWithoutSignIn extends OncePerRequestFilter {

    private static final String VALIDATED_REQUEST = OAuth2AuthorizationCodeRequestAuthenticationToken.class.getName();

    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    private final AuthenticationFailureHandler clientAnswer;

    public PromptNoneWithoutSignIn(AuthenticationFailureHandler clientAnswer) {
        this.clientAnswer = clientAnswer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(VALIDATED_REQUEST) instanceof OAuth2AuthorizationCodeRequestAuthenticationToken validated
                && OidcRequestParameters.prompts(validated).contains(OidcRequestParameters.NONE)
                && !trust.isAuthenticated(SecurityContextHolder.getContext().getAuthentication())) {
            clientAnswer.onAuthenticationFailure(request, response, OidcRequestParameters.error(
                    OidcRequestParameters.LOGIN_REQUIRED, "The user is not signed in, and prompt=none", validated));
            return;
        }
        chain.doFilter(request, response);
    }
}
