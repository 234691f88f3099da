package dev.tollgate.auth.authorize;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

import dev.tollgate.auth.session.SignIns;

/**
 * {@code prompt=login}, and {@code max_age} when the browser's sign-in is older ({@code max_age=0}: always), make the
 * user sign in again before a code is issued (OIDC Core 3.1.2.1); with {@code prompt=none} that is
 * {@code login_required} instead. Spring Authorization Server ignores both. This check runs with Spring Authorization
 * Server's validation of the request (after the redirect URI is known to be the client's, and after a pushed
 * request's parameters are read): if the sign-in is not fresh enough and no newer sign-in has answered this very
 * request yet ({@link NewerSignInRequest}), the login page is shown ({@link FreshSignInRequired},
 * {@link FreshSignInEntry}).
 */
public final class FreshSignIn implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    private final Clock clock;

    public FreshSignIn(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        Authentication user = (Authentication) request.getPrincipal();
        Set<String> prompts = OidcRequestParameters.prompts(request);
        if (!isSignedIn(user) || (prompts.contains(OidcRequestParameters.NONE) && prompts.size() > 1)) {
            return; // signed out: the login page comes anyway; prompt=none with others is refused after this check
        }
        Optional<Instant> signedInAt = SignIns.authTimeOf(user);
        if (tooOld(request, signedInAt) && !(request instanceof NewerSignInRequest)) {
            if (prompts.contains(OidcRequestParameters.NONE)) {
                throw OidcRequestParameters.error(OidcRequestParameters.LOGIN_REQUIRED,
                        "The sign-in is older than max_age allows, and prompt=none forbids a new one", request);
            }
            throw new FreshSignInRequired(request);
        }
    }

    private boolean tooOld(OAuth2AuthorizationCodeRequestAuthenticationToken request, Optional<Instant> signedInAt) {
        if (OidcRequestParameters.prompts(request).contains(OidcRequestParameters.LOGIN)) {
            return true;
        }
        Optional<Duration> maxAge = OidcRequestParameters.maxAge(request);
        return maxAge.isPresent() && (signedInAt.isEmpty()
                || Duration.between(signedInAt.get(), clock.instant()).compareTo(maxAge.get()) > 0);
    }

    private static boolean isSignedIn(Authentication user) {
        return user != null && !(user instanceof AnonymousAuthenticationToken) && user.isAuthenticated();
    }
}
