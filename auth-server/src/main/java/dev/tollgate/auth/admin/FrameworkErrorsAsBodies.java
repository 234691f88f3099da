package dev.tollgate.auth.admin;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Errors that Spring MVC finds before any admin controller is chosen (no such path, a method or media type the path
 * does not take) reach no controller advice: the framework calls {@code sendError}, and the container would answer
 * with its error page. Here they become the admin plane's own error bodies ({@link AdminErrorBodies}) instead.
 */
final class FrameworkErrorsAsBodies extends OncePerRequestFilter {

    private final AdminErrorBodies bodies;

    FrameworkErrorsAsBodies(AdminErrorBodies bodies) {
        this.bodies = bodies;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void sendError(int status) throws IOException {
                sendError(status, null);
            }

            @Override
            public void sendError(int status, String message) throws IOException {
                HttpStatus known = HttpStatus.resolve(status);
                if (isCommitted() || known == null) {
                    super.sendError(status, message);
                    return;
                }
                resetBuffer();
                String detail = detail(request, this, known, message);
                bodies.write(request, (HttpServletResponse) getResponse(), known, detail);
            }
        });
    }

    private static String detail(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
            String message) {
        String path = AdminPaths.pathOf(request);
        return switch (status) {
            case NOT_FOUND -> "Nothing at " + request.getMethod() + " " + path;
            case METHOD_NOT_ALLOWED -> request.getMethod() + " is not allowed on " + path
                    + (response.getHeader(HttpHeaders.ALLOW) == null ? ""
                            : "; allowed: " + response.getHeader(HttpHeaders.ALLOW));
            default -> message != null && !message.isBlank() ? message : status.getReasonPhrase();
        };
    }
}
