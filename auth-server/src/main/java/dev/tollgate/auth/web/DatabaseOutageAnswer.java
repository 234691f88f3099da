package dev.tollgate.auth.web;

import java.io.IOException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request that fails because the database cannot be reached is answered 503 with {@code Retry-After}, not with
 * the 500 of an unexpected error: the outage is temporary, and clients and load balancers should try again later
 * or elsewhere (readiness goes down at the same time). OAuth clients get RFC 6749's
 * {@code temporarily_unavailable} error; browsers a short page. It wraps every other filter, Spring Session's
 * included, because session reads and writes fail first.
 */
public final class DatabaseOutageAnswer extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageAnswer.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        }
        catch (ServletException | IOException | RuntimeException failure) {
            if (!isDatabaseOutage(failure) || response.isCommitted()) {
                throw failure;
            }
            // one line, no stack: during an outage every request ends here
            log.warn("Database unreachable, answered 503 to {} {}: {}", request.getMethod(), request.getRequestURI(),
                    rootCause(failure).getMessage());
            answer(request, response);
        }
    }

    static boolean isDatabaseOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setCharacterEncoding("UTF-8");
        if (wantsPage(request)) {
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                    + "Unavailable · Tollgate</title><link rel=\"stylesheet\" href=\"/css/tollgate.css\"></head><body>"
                    + "<main class=\"card\"><h1>Sign-in is unavailable for a moment</h1><p>Tollgate cannot reach its "
                    + "database. Wait a few seconds, then try again.</p></main></body></html>");
        }
        else {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter().write("{\"error\":\"temporarily_unavailable\",\"error_description\":"
                    + "\"The authorization server cannot reach its database. Retry after " + RETRY_AFTER_SECONDS
                    + " seconds.\"}");
        }
    }

    // Browsers navigate with text/html first in Accept; OAuth clients and curl ask for JSON or anything.
    private static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
