package dev.tollgate.auth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.TransactionSystemException;

class DatabaseOutageAnswerTest {

    private final DatabaseOutageAnswer filter = new DatabaseOutageAnswer();

    @Test
    void anUnreachableDatabaseDeepInTheCauseChainIsAnswered503ForAClient() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.getWriter().write("half a page");
        FilterChain failing = (request, ignored) -> {
            throw new ServletException("Request processing failed", new CannotGetJdbcConnectionException(
                    "Failed to obtain JDBC Connection", new SQLTransientConnectionException("timed out")));
        };

        filter.doFilter(new MockHttpServletRequest("POST", "/oauth2/token"), response, failing);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getContentAsString()).startsWith("{\"error\":\"temporarily_unavailable\"")
                .doesNotContain("half a page", "timed out");
    }

    @Test
    void otherFailuresAreNotMaskedAsAnOutage() {
        FilterChain failing = (request, response) -> {
            throw new BadSqlGrammarException("query", "SELECT", new SQLException("syntax"));
        };

        assertThatThrownBy(() -> filter.doFilter(new MockHttpServletRequest("GET", "/login"),
                new MockHttpServletResponse(), failing)).isInstanceOf(BadSqlGrammarException.class);
    }

    @Test
    void aResponseAlreadySentIsLeftAlone() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        FilterChain failing = (request, ignored) -> {
            response.setCommitted(true);
            throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection");
        };

        assertThatThrownBy(() -> filter.doFilter(new MockHttpServletRequest("GET", "/login"), response, failing))
                .isInstanceOf(CannotGetJdbcConnectionException.class);
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void aPooledConnectionThatDiedUnderASessionSaveIsAnOutage() {
        // what Spring Session's save reports when the pool hands out a connection whose server has gone: the
        // statement fails with a connection error (SQLSTATE 08006), then the rollback on the dead connection fails
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new SQLException("An I/O error occurred", "08006"));

        assertThat(DatabaseOutageAnswer.isDatabaseOutage(rollbackFailed)).isTrue();
    }

    @Test
    void aFailedRollbackAfterAnOrdinaryErrorIsNotAnOutage() {
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new SQLException("duplicate key", "23505"));

        assertThat(DatabaseOutageAnswer.isDatabaseOutage(rollbackFailed)).isFalse();
    }
}
