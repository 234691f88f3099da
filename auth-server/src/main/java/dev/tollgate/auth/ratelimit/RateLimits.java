package dev.tollgate.auth.ratelimit;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import io.github.bucket4j.TimeMeter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

import dev.tollgate.auth.web.Pages;
import dev.tollgate.ratelimit.BucketTable;
import dev.tollgate.ratelimit.RateLimiter;

/**
 * The rate limits, as two filters for the security chains: {@link #perAddress()} runs early, before any
 * credential is checked; {@link #perClient()} runs once the client has authenticated, so that nobody can use up
 * another client's budget by sending its client id. Introspection is counted apart (see
 * {@link RateLimitProperties}): a resource server introspects as often as its callers bring opaque tokens, and
 * whoever calls an API must not be able to spend the budget that the API needs for everybody else's tokens.
 */
@Component
public class RateLimits {

    private static final String WRONG_USER_CODE = RateLimits.class.getName() + ".wrong-user-code";

    private final RateLimitProperties properties;
    private final RateLimiter limiter;
    /** Counts per hour, for sign-ups: a person creates an account or two, a bot hundreds. */
    private final RateLimiter hourly;
    private final RequestMatcher protocolEndpoints;
    private final RequestMatcher introspection;
    /**
     * Every form that checks a user's password or second factor: the sign-in form, the account-link page of social
     * login and the code after the password.
     */
    private final RequestMatcher signIn = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login/link"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, Pages.TWO_FACTOR));
    /** Self-registration: only a created account (answered with a redirect) counts. */
    private final RequestMatcher signUp = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, Pages.REGISTER);
    /** The form that sends a password reset mail. */
    private final RequestMatcher passwordResetRequest =
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, Pages.FORGOT_PASSWORD);

    /** A user code entered on the device verification page (RFC 8628 §5.1: guessing must be limited). */
    private final RequestMatcher userCodeEntry;

    private final MessageSource messages;

    /** The pages' language ({@code web.PageLocales}), for the page answering a form sent too often. */
    private final LocaleResolver locales;

    public RateLimits(RateLimitProperties properties, AuthorizationServerSettings endpoints, DataSource dataSource,
            Clock clock, MessageSource messages, LocaleResolver locales) {
        this.properties = properties;
        this.messages = messages;
        this.locales = locales;
        TimeMeter time = BucketTable.timeOf(clock);
        this.limiter = new RateLimiter(properties.period(), properties.syncInterval(), new BucketTable(dataSource, time),
                time);
        this.hourly = new RateLimiter(Duration.ofHours(1), properties.syncInterval(), new BucketTable(dataSource, time),
                time);
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher verificationPage = paths.matcher(endpoints.getDeviceVerificationEndpoint());
        this.userCodeEntry = request -> verificationPage.matches(request)
                && request.getParameter(OAuth2ParameterNames.USER_CODE) != null
                && request.getParameter(OAuth2ParameterNames.STATE) == null;
        this.introspection = paths.matcher(endpoints.getTokenIntrospectionEndpoint());
        this.protocolEndpoints = new OrRequestMatcher(
                paths.matcher(endpoints.getTokenEndpoint()),
                paths.matcher(endpoints.getTokenIntrospectionEndpoint()),
                paths.matcher(endpoints.getTokenRevocationEndpoint()),
                paths.matcher(endpoints.getPushedAuthorizationRequestEndpoint()),
                paths.matcher(endpoints.getClientRegistrationEndpoint()),
                paths.matcher(endpoints.getOidcClientRegistrationEndpoint()));
    }

    public Filter perAddress() {
        return new Limit() {
            @Override
            protected Optional<Duration> check(HttpServletRequest request) {
                String address = request.getRemoteAddr();
                if (signIn.matches(request)) {
                    return limiter.tryTake("sign-in:" + address, properties.loginPerAddress());
                }
                if (signUp.matches(request)) {
                    return hourly.checkWithoutTaking(signUpKey(request), properties.signUpsPerAddress());
                }
                if (passwordResetRequest.matches(request)) {
                    return limiter.tryTake("password-reset:" + address, properties.passwordResetPerAddress());
                }
                if (introspection.matches(request)) {
                    return limiter.checkWithoutTaking(addressKey(request), properties.perAddress());
                }
                if (userCodeEntry.matches(request)) {
                    return limiter.checkWithoutTaking(userCodeAddressKey(request),
                                    properties.userCodeGuessesPerAddress())
                            .or(() -> userCodeSessionKey(request).flatMap(key ->
                                    limiter.checkWithoutTaking(key, properties.userCodeGuessesPerSession())));
                }
                return protocolEndpoints.matches(request)
                        ? limiter.tryTake(addressKey(request), properties.perAddress()) : Optional.empty();
            }

            /** An introspection request costs its address only when it failed: no or wrong client credentials. */
            @Override
            protected void answered(HttpServletRequest request, HttpServletResponse response) {
                if (introspection.matches(request) && response.getStatus() != HttpServletResponse.SC_OK) {
                    limiter.tryTake(addressKey(request), properties.perAddress());
                }
                if (signUp.matches(request) && response.getStatus() == HttpServletResponse.SC_FOUND) {
                    hourly.tryTake(signUpKey(request), properties.signUpsPerAddress());
                }
                if (userCodeEntry.matches(request) && request.getAttribute(WRONG_USER_CODE) != null) {
                    limiter.tryTake(userCodeAddressKey(request), properties.userCodeGuessesPerAddress());
                    userCodeSessionKey(request).ifPresent(key ->
                            limiter.tryTake(key, properties.userCodeGuessesPerSession()));
                }
            }
        };
    }

    /**
     * Marks the request as a user code that was wrong (unknown, expired, used or malformed): it counts against the
     * guessing limit of its address and its browser session.
     */
    public static void countAsWrongUserCode(HttpServletRequest request) {
        request.setAttribute(WRONG_USER_CODE, Boolean.TRUE);
    }

    private static String userCodeAddressKey(HttpServletRequest request) {
        return "user-code:" + request.getRemoteAddr();
    }

    private static Optional<String> userCodeSessionKey(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.of("user-code-session:" + session.getId());
    }

    private static String signUpKey(HttpServletRequest request) {
        return "sign-up:" + request.getRemoteAddr();
    }

    private static String addressKey(HttpServletRequest request) {
        return "address:" + request.getRemoteAddr();
    }

    public Filter perClient() {
        return new Limit() {
            @Override
            protected Optional<Duration> check(HttpServletRequest request) {
                Authentication caller = SecurityContextHolder.getContext().getAuthentication();
                if (!(caller instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()
                        && client.getRegisteredClient() != null)) {
                    return Optional.empty();
                }
                String clientId = client.getRegisteredClient().getClientId();
                if (introspection.matches(request)) {
                    return limiter.tryTake("introspection:" + clientId, properties.introspectionPerClient());
                }
                return protocolEndpoints.matches(request)
                        ? limiter.tryTake("client:" + clientId, properties.perClient()) : Optional.empty();
            }
        };
    }

    /** The page for a form sent too often, in the language of the page the form was on. */
    private void refusedPage(HttpServletRequest request, HttpServletResponse response, Duration retryAfter,
            String what) throws IOException {
        TooManyRequests.page(response, retryAfter, what, messages, locales.resolveLocale(request));
    }

    private abstract class Limit extends OncePerRequestFilter {

        protected abstract Optional<Duration> check(HttpServletRequest request);

        /** Counts what can only be counted once the answer is known; nothing by default. */
        protected void answered(HttpServletRequest request, HttpServletResponse response) {
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Optional<Duration> retryAfter = properties.enabled() ? check(request) : Optional.empty();
            if (retryAfter.isEmpty()) {
                chain.doFilter(request, response);
                if (properties.enabled()) {
                    answered(request, response);
                }
            }
            else if (signIn.matches(request)) {
                refusedPage(request, response, retryAfter.get(), "too-many.sign-in");
            }
            else if (signUp.matches(request)) {
                refusedPage(request, response, retryAfter.get(), "too-many.sign-up");
            }
            else if (userCodeEntry.matches(request)) {
                refusedPage(request, response, retryAfter.get(), "too-many.user-code");
            }
            else if (passwordResetRequest.matches(request)) {
                refusedPage(request, response, retryAfter.get(), "too-many.password-reset");
            }
            else {
                TooManyRequests.oauthError(response, retryAfter.get());
            }
        }
    }
}
