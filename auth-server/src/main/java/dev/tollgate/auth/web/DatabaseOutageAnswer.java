package dev.tollgate.auth.web;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.tollgate.auth.audit.LogValues;

/**
 * A request that fails because the database cannot be reached is answered 503 with {@code Retry-After}, not with
 * the 500 of an unexpected error: the outage is temporary, and clients and load balancers should try again later
 * or elsewhere (readiness goes down at the same time). OAuth clients get RFC 6749's
 * {@code temporarily_unavailable} error; browsers a short page. It wraps every other filter, Spring Session's
 * included, because session reads and writes fail first.
 */
public final class DatabaseOutageAnswer extends OncePerRequestFilter {

    static final long RETRY_AFTER_SECONDS = 5;

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
            log.warn("Database unreachable, answered 503 to {} {}: {}", LogValues.escaped(request.getMethod()),
                    LogValues.escaped(request.getRequestURI()),
                    NestedExceptionUtils.getMostSpecificCause(failure).getMessage());
            answer(request, response);
        }
    }

    static boolean isDatabaseOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException || isConnectionException(cause)) {
                return true;
            }
            // a session save on a pooled connection whose server has gone: the failed statement is the
            // "application exception", and only the failed rollback after it is in the cause chain
            if (cause instanceof TransactionSystemException rollbackFailed
                    && rollbackFailed.getApplicationException() != null
                    && isDatabaseOutage(rollbackFailed.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    // SQLSTATE class 08: connection exception (the driver lost its server)
    private static boolean isConnectionException(Throwable cause) {
        return cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08");
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        // Spring Security's header writer sits inside this filter and has not run for this answer
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (wantsPage(request)) {
            RetryLaterAnswer.page(response, HttpStatus.SERVICE_UNAVAILABLE, RETRY_AFTER_SECONDS, "Unavailable",
                    "Sign-in is unavailable for a moment",
                    "Tollgate cannot reach its database. Wait a few seconds, then try again.");
        }
        else {
            RetryLaterAnswer.oauthError(response, HttpStatus.SERVICE_UNAVAILABLE, RETRY_AFTER_SECONDS,
                    "The authorization server cannot reach its database. Retry after " + RETRY_AFTER_SECONDS
                            + " seconds.");
        }
    }

    // Browsers navigate with text/html first in Accept; OAuth clients and curl ask for JSON or anything.
    private static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }
}
