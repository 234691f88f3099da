package dev.tollgate.auth.authorize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.tollgate.auth.authorize.FreshSignInRequired.FreshSignInDemand;
import dev.tollgate.auth.session.SignIns;

/**
 * {@code prompt=login}, and {@code max_age} when the browser's sign-in is older ({@code max_age=0}: always), make the
 * user sign in again before a code is issued (OIDC Core 3.1.2.1); with {@code prompt=none} that is
 * {@code login_required} instead. Spring Authorization Server ignores both. This check runs with Spring Authorization
 * Server's validation of the request (after the redirect URI is known to be the client's, and after a pushed
 * request's parameters are read): if the sign-in is not fresh enough and no newer sign-in has answered this very
 * request yet, the login page is shown ({@link FreshSignInRequired}, {@link FreshSignInEntry}).
 */
public final class FreshSignIn implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    static final String DEMAND = FreshSignInDemand.class.getName();

    private final Clock clock;

    public FreshSignIn(Clock clock) {
        this.clock = clock;
    }

    /** Spring Authorization Server's validation of authorization requests, then this check. */
    public static Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> afterDefaultValidation(Clock clock) {
        return new OAuth2AuthorizationCodeRequestAuthenticationValidator().andThen(new FreshSignIn(clock));
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
        if (tooOld(request, signedInAt) && !answeredByNewerSignIn(request, signedInAt)) {
            if (prompts.contains(OidcRequestParameters.NONE)) {
                throw OidcRequestParameters.error(OidcRequestParameters.LOGIN_REQUIRED,
                        "The sign-in is older than max_age allows, and prompt=none forbids a new one", request);
            }
            throw new FreshSignInRequired(request,
                    new FreshSignInDemand(fingerprint(request), signedInAt.orElse(Instant.EPOCH)));
        }
    }

    private boolean tooOld(OAuth2AuthorizationCodeRequestAuthenticationToken request, Optional<Instant> signedInAt) {
        if (OidcRequestParameters.prompts(request).contains(OidcRequestParameters.LOGIN)) {
            return true;
        }
        Optional<Duration> maxAge = OidcRequestParameters.maxAge(request);
        return maxAge.isPresent()
                && (signedInAt.isEmpty() || Duration.between(signedInAt.get(), clock.instant()).compareTo(maxAge.get()) > 0);
    }

    /** Whether the browser signed in again since this same request asked for it (it comes back after the login page). */
    private static boolean answeredByNewerSignIn(OAuth2AuthorizationCodeRequestAuthenticationToken request,
            Optional<Instant> signedInAt) {
        HttpSession session = currentSession();
        if (session == null || !(session.getAttribute(DEMAND) instanceof FreshSignInDemand demand)
                || !demand.request().equals(fingerprint(request))) {
            return false;
        }
        boolean answered = signedInAt.isPresent() && signedInAt.get().isAfter(demand.staleSignIn());
        if (answered) {
            session.removeAttribute(DEMAND);
        }
        return answered;
    }

    private static HttpSession currentSession() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getSession(false) : null;
    }

    /** The same request, brought back after sign-in, has the same fingerprint; Spring Security's marker aside. */
    static String fingerprint(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
        Map<String, Object> parameters = new TreeMap<>(request.getAdditionalParameters());
        parameters.remove("continue");
        String text = String.join("\n", request.getClientId(), String.valueOf(request.getRedirectUri()),
                String.valueOf(request.getState()), new TreeSet<>(request.getScopes()).toString(),
                parameters.entrySet().stream().map(entry -> entry.getKey() + "=" + (entry.getValue() instanceof String[] values
                        ? String.join(",", values) : String.valueOf(entry.getValue()))).toList().toString());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }

    private static boolean isSignedIn(Authentication user) {
        return user != null && !(user instanceof AnonymousAuthenticationToken) && user.isAuthenticated();
    }
}
