package dev.tollgate.auth.client;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Clients and consents live in the database (tables in V2 migration), clients read through a short cache;
 * authorizations and their tokens in
 * {@link dev.tollgate.auth.authorization.HashedAuthorizationService}.
 */
@Configuration(proxyBeanMethods = false)
class ClientStoreConfig {

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcOperations jdbc, ClientCacheProperties cache,
            ClientChangeNotifications otherInstances) {
        RegisteredClientRepository stored = new JdbcRegisteredClientRepository(jdbc);
        return !cache.cacheTtl().isZero() && !cache.cacheTtl().isNegative()
                ? new CachingRegisteredClientRepository(stored, cache.cacheTtl(), Ticker.systemTicker(), otherInstances)
                : stored;
    }

    @Bean
    ClientChangeNotifications clientChangeNotifications(DataSource dataSource) {
        return new ClientChangeNotifications(dataSource);
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(JdbcOperations jdbc,
            RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }
}
