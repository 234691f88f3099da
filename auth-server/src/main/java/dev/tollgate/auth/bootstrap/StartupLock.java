package dev.tollgate.auth.bootstrap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lock every instance takes, on one database, for start-up work that must happen once (V48 migration): held
 * until the caller's transaction ends, so a second instance starting at the same moment waits and then sees the
 * first one's work committed.
 */
@Component
class StartupLock {

    private final JdbcClient jdbc;

    StartupLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void holdUntilCommit() {
        jdbc.sql("SELECT name FROM startup_lock WHERE name = 'built-in-data' FOR UPDATE").query(String.class).single();
    }
}
