package dev.tollgate.auth.session;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

@Configuration(proxyBeanMethods = false)
class SessionConfig {

    /**
     * Spring Session's reading of one session with its attributes, for live sessions only (by the database's clock,
     * in milliseconds like {@code expiry_time}). Spring Session deletes an expired session it reads; a browser coming
     * back after its session expired would thus remove it before {@link ExpiredSessions} told its clients. Not found,
     * it stays for the sweep, and the browser gets a new session as it would anyway.
     */
    static final String GET_LIVE_SESSION_QUERY = """
            SELECT S.PRIMARY_ID, S.SESSION_ID, S.CREATION_TIME, S.LAST_ACCESS_TIME, S.MAX_INACTIVE_INTERVAL,
                   SA.ATTRIBUTE_NAME, SA.ATTRIBUTE_BYTES
            FROM %TABLE_NAME% S
            LEFT JOIN %TABLE_NAME%_ATTRIBUTES SA ON S.PRIMARY_ID = SA.SESSION_PRIMARY_ID
            WHERE S.SESSION_ID = ? AND S.EXPIRY_TIME >= EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000
            """;

    @Bean
    SessionRegistry sessionRegistry() {
        return new NoInstanceSessionRegistry();
    }

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> expiredSessionsWaitForTheSweep() {
        return repository -> repository.setGetSessionQuery(GET_LIVE_SESSION_QUERY);
    }
}
