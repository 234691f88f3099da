package dev.tollgate.auth.client;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Tells the other instances on the same PostgreSQL database that a client changed, so that they forget their cached
 * clients too: a removed client or a replaced secret stops working everywhere at once, not after
 * {@code tollgate.clients.cache-ttl}. PostgreSQL's {@code NOTIFY} is delivered when the change commits (and not at
 * all if it rolls back); each instance {@code LISTEN}s on one connection of its pool. After that connection is lost,
 * the instance forgets every cached client once it listens again, as it may have missed a notification; until then
 * the cache TTL bounds how long a change takes. A connection pooler in transaction mode (PgBouncer) cannot pass
 * notifications on: connect the instances to PostgreSQL directly, or keep the TTL short. H2 runs one instance only,
 * and there is nothing to tell.
 */
public class ClientChangeNotifications implements SmartLifecycle {

    static final String CHANNEL = "tollgate_client_changes";

    private static final Logger log = LoggerFactory.getLogger(ClientChangeNotifications.class);

    private static final int WAIT_MILLIS = 500;

    private static final long RECONNECT_MILLIS = 1000;

    private final DataSource dataSource;

    private final JdbcClient jdbc;

    private final boolean postgres;

    private volatile Runnable forgetAll = () -> { };

    private volatile boolean running;

    private Thread listener;

    public ClientChangeNotifications(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.postgres = isPostgres(dataSource);
    }

    /** What to do when another instance changed a client. */
    void onChange(Runnable forgetAll) {
        this.forgetAll = forgetAll;
    }

    /** Tells the other instances; inside a transaction only when it commits. */
    void announce() {
        if (postgres) {
            jdbc.sql("SELECT pg_notify(?, '')").param(CHANNEL).query((rs, row) -> null).list();
        }
    }

    @Override
    public void start() {
        running = true;
        if (postgres) {
            listener = new Thread(this::listen, "client-change-listener");
            listener.setDaemon(true);
            listener.start();
        }
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        boolean failing = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                forgetAll.run();
                failing = false;
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                    if (received != null && received.length > 0) {
                        forgetAll.run();
                    }
                }
            }
            catch (SQLException | RuntimeException lost) {
                if (!running) {
                    return;
                }
                if (!failing) {
                    log.warn("Not listening for client changes of other instances ({}); retrying every {} ms, "
                            + "meanwhile they are seen within the client cache TTL", lost.toString(), RECONNECT_MILLIS);
                    failing = true;
                }
                try {
                    Thread.sleep(RECONNECT_MILLIS);
                }
                catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try {
            return "PostgreSQL".equals(JdbcUtils.extractDatabaseMetaData(dataSource,
                    DatabaseMetaData::getDatabaseProductName));
        }
        catch (MetaDataAccessException unknown) {
            return false;
        }
    }
}
