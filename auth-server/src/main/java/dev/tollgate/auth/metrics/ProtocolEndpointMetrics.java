package dev.tollgate.auth.metrics;

import java.io.IOException;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Times every call of the token, introspection and revocation endpoints, tagged with the authenticated client
 * and the outcome (and the grant type for token requests). Each timer is a Prometheus histogram: its
 * {@code _count} counts the calls, its {@code _bucket}s give the latency distribution.
 */
class ProtocolEndpointMetrics extends OncePerRequestFilter {

    static final String TOKEN_PATH = "/oauth2/token";

    static final String INTROSPECTION_PATH = "/oauth2/introspect";

    static final String REVOCATION_PATH = "/oauth2/revoke";

    /** Grant types a tag may name; anything else a caller sends is counted as "other". */
    private static final Set<String> KNOWN_GRANT_TYPES = Set.of(
            AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
            AuthorizationGrantType.REFRESH_TOKEN.getValue(),
            AuthorizationGrantType.CLIENT_CREDENTIALS.getValue(),
            AuthorizationGrantType.DEVICE_CODE.getValue(),
            AuthorizationGrantType.TOKEN_EXCHANGE.getValue(),
            AuthorizationGrantType.JWT_BEARER.getValue());

    private final MeterRegistry registry;

    ProtocolEndpointMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Whether this filter times the request: a POST to one of the three endpoints. */
    static boolean isTimed(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && metricName(request) != null;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isTimed(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Timer.Sample sample = Timer.start(registry);
        try {
            chain.doFilter(request, response);
        }
        finally {
            Timer.Builder timer = Timer.builder(metricName(request))
                    .tag("client_id", AuthenticatedClient.of(request))
                    .tag("outcome", outcome(response.getStatus()))
                    .publishPercentileHistogram();
            if (TOKEN_PATH.equals(request.getServletPath())) {
                timer.tag("grant_type", grantType(request));
            }
            sample.stop(timer.register(registry));
        }
    }

    private static String metricName(HttpServletRequest request) {
        return switch (request.getServletPath()) {
            case TOKEN_PATH -> "tollgate.token.requests";
            case INTROSPECTION_PATH -> "tollgate.introspection.requests";
            case REVOCATION_PATH -> "tollgate.revocation.requests";
            default -> null;
        };
    }

    private static String grantType(HttpServletRequest request) {
        String grantType = request.getParameter("grant_type");
        return grantType != null && KNOWN_GRANT_TYPES.contains(grantType) ? grantType : "other";
    }

    private static String outcome(int status) {
        if (status < 400) {
            return "success";
        }
        return status < 500 ? "rejected" : "error";
    }
}
