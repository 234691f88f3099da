package dev.tollgate.api.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import dev.tollgate.api.problem.ProblemResponseWriter;
import dev.tollgate.api.problem.ProblemType;
import dev.tollgate.api.security.AccessDecisions.Denied;
import dev.tollgate.api.security.AccessDecisions.InsufficientScope;

/**
 * Answers 403. Only a missing scope is reported as RFC 6750 {@code insufficient_scope} (with the scope
 * needed); a missing role or the wrong kind of token is a plain 403 with a bare {@code Bearer} challenge,
 * since asking for more scope would not help.
 */
@Component
public class BearerProblemAccessDeniedHandler implements AccessDeniedHandler {

    /** Renders any RFC 6750 error, insufficient_scope included, as status and WWW-Authenticate header. */
    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final ProblemResponseWriter writer;

    public BearerProblemAccessDeniedHandler(ProblemResponseWriter writer) {
        this.writer = writer;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        AuthorizationResult result = exception instanceof AuthorizationDeniedException denied
                ? denied.getAuthorizationResult() : null;
        if (result instanceof InsufficientScope missing) {
            String description = "The access token needs the scope " + missing.scope();
            bearer.commence(request, response,
                    new OAuth2AuthenticationException(BearerTokenErrors.insufficientScope(description, missing.scope())));
            writer.write(request, response, ProblemType.INSUFFICIENT_SCOPE.problem(description));
            return;
        }
        String reason = result instanceof Denied denied ? denied.reason() : "Access denied";
        // RFC 6750 wants a challenge on every refusal, but none of its error codes fits a missing role
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        writer.write(request, response, ProblemType.FORBIDDEN.problem(reason));
    }
}
