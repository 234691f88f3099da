package dev.tollgate.api.problem;

import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The database out of reach (no connection within {@code DB_CONNECTION_TIMEOUT_MS}): a temporary state, so the
 * answer is 503 with {@code Retry-After}, not the 500 of a bug. Readiness reports it too.
 */
final class DatabaseOutage {

    static final String RETRY_AFTER_SECONDS = "5";

    private DatabaseOutage() {
    }

    static boolean causedBy(Throwable failure) {
        if (Problems.causedBy(failure, DataAccessResourceFailureException.class,
                CannotCreateTransactionException.class, SQLTransientConnectionException.class)) {
            return true;
        }
        // a write on a pooled connection whose server has gone: the failed statement is the "application
        // exception", and only the failed rollback on the dead connection after it is in the cause chain
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransactionSystemException rollbackFailed
                    && rollbackFailed.getApplicationException() != null) {
                return causedBy(rollbackFailed.getApplicationException());
            }
        }
        return false;
    }

    static ResponseEntity<ProblemDetail> answer(String requestUri) {
        ProblemDetail problem = ProblemType.DATA_UNAVAILABLE.problem(
                "The API cannot reach its database. Retry after " + RETRY_AFTER_SECONDS + " seconds.");
        problem.setInstance(Problems.instanceOf(requestUri));
        return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
