package dev.tollgate.auth.ratelimit;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The rate limits, as two filters for the security chains: {@link #perAddress()} runs early, before any
 * credential is checked; {@link #perClient()} runs once the client has authenticated, so that nobody can use up
 * another client's budget by sending its client id.
 */
@Component
public class RateLimits {

    private final RateLimitProperties properties;
    private final RateLimiter limiter;
    private final RequestMatcher protocolEndpoints;
    /** Every form that checks a user's password: the sign-in form and the account-link page of social login. */
    private final RequestMatcher signIn = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login/link"));

    public RateLimits(RateLimitProperties properties, AuthorizationServerSettings endpoints) {
        this.properties = properties;
        this.limiter = new RateLimiter(properties.period());
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        this.protocolEndpoints = new OrRequestMatcher(
                paths.matcher(endpoints.getTokenEndpoint()),
                paths.matcher(endpoints.getTokenIntrospectionEndpoint()),
                paths.matcher(endpoints.getTokenRevocationEndpoint()),
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
                return protocolEndpoints.matches(request)
                        ? limiter.tryTake("address:" + address, properties.perAddress()) : Optional.empty();
            }
        };
    }

    public Filter perClient() {
        return new Limit() {
            @Override
            protected Optional<Duration> check(HttpServletRequest request) {
                Authentication caller = SecurityContextHolder.getContext().getAuthentication();
                if (caller instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()
                        && client.getRegisteredClient() != null && protocolEndpoints.matches(request)) {
                    return limiter.tryTake("client:" + client.getRegisteredClient().getClientId(),
                            properties.perClient());
                }
                return Optional.empty();
            }
        };
    }

    private abstract class Limit extends OncePerRequestFilter {

        protected abstract Optional<Duration> check(HttpServletRequest request);

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Optional<Duration> retryAfter = properties.enabled() ? check(request) : Optional.empty();
            if (retryAfter.isEmpty()) {
                chain.doFilter(request, response);
            }
            else if (signIn.matches(request)) {
                TooManyRequests.page(response, retryAfter.get());
            }
            else {
                TooManyRequests.oauthError(response, retryAfter.get());
            }
        }
    }
}
