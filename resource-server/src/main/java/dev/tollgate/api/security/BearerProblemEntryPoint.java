package dev.tollgate.api.security;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

import dev.tollgate.api.dpop.ProofOfPossession;
import dev.tollgate.api.problem.ProblemResponseWriter;
import dev.tollgate.api.problem.ProblemType;

/**
 * Answers a request without a usable token: Spring's entry point writes the RFC 6750
 * {@code WWW-Authenticate} header and status, and this adds the RFC 9457 body. A token that could not be
 * checked at all (JWK set or introspection unreachable) is a 503, not the client's fault; a caller whose
 * address has brought too many inactive tokens gets 429 with {@code Retry-After}.
 */
@Component
public class BearerProblemEntryPoint implements AuthenticationEntryPoint {

    private static final String RETRY_AFTER_SECONDS = "5";

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final ProblemResponseWriter writer;

    public BearerProblemEntryPoint(ProblemResponseWriter writer) {
        this.writer = writer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        if (exception instanceof TooManyUnknownTokensException tooMany) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wholeSecondsOf(tooMany.retryAfter())));
            writer.write(request, response, ProblemType.TOO_MANY_UNKNOWN_TOKENS.problem(
                    "Too many access tokens from this address were not active; new ones are checked again later"));
            return;
        }
        if (exception instanceof AuthenticationServiceException) {
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            writer.write(request, response, ProblemType.TOKEN_VALIDATION_UNAVAILABLE
                    .problem("The authorization server could not be reached to check the access token; try again shortly"));
            return;
        }
        if (exception instanceof ProofOfPossession.BoundTokenAsBearer bound) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, ProofOfPossession.challenge(bound.getError()));
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        }
        else {
            bearer.commence(request, response, exception);
        }
        writer.write(request, response, problemFor(exception));
    }

    private static long wholeSecondsOf(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private static ProblemDetail problemFor(AuthenticationException exception) {
        if (exception instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription();
            return switch (oauth.getError().getErrorCode()) {
                case OAuth2ErrorCodes.INVALID_TOKEN -> ProblemType.INVALID_TOKEN
                        .problem(description != null ? description : "The access token is not valid");
                default -> ProblemType.INVALID_AUTHORIZATION
                        .problem(description != null ? description : "The Authorization header cannot be used");
            };
        }
        return ProblemType.MISSING_TOKEN.problem("This endpoint needs an access token: Authorization: Bearer <token>");
    }
}
