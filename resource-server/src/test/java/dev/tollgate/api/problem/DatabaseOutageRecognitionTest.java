package dev.tollgate.api.problem;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are a lost database (503) rather than a bug (500). */
class DatabaseOutageRecognitionTest {

    @Test
    void aWriteOnAPooledConnectionWhoseServerHasGoneIsAnOutage() {
        // the user directory's write when the pool hands out a connection to a stopped server: the statement
        // fails, then the rollback on the dead connection fails and carries the statement's failure aside
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new DataAccessResourceFailureException("I/O error"));

        assertThat(DatabaseOutage.causedBy(rollbackFailed)).isTrue();
    }

    @Test
    void aFailedRollbackAfterAnOrdinaryErrorIsNotAnOutage() {
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new DuplicateKeyException("isbn"));

        assertThat(DatabaseOutage.causedBy(rollbackFailed)).isFalse();
    }
}
