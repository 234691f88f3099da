package dev.tollgate.auth.client;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every token, introspection and authorization request looks its client up, and reading a client back from its row
 * (JSON settings) cost more than anything else on the client_credentials path but the signature. Found clients are
 * kept for {@code tollgate.clients.cache-ttl}; a save through this repository (registration, a secret upgrade, the
 * demo seed) empties the cache at once, so this instance never serves a stale client. Other instances on PostgreSQL
 * are told at once ({@link ClientChangeNotifications}), or see a change within the TTL. Unknown client ids are not
 * cached: a client registered elsewhere works at its first request.
 */
public class CachingRegisteredClientRepository implements RegisteredClientRepository {

    private final RegisteredClientRepository delegate;

    private final Cache<String, RegisteredClient> byId;

    private final Cache<String, RegisteredClient> byClientId;

    private final ClientChangeNotifications otherInstances;

    public CachingRegisteredClientRepository(RegisteredClientRepository delegate, Duration ttl, Ticker ticker) {
        this(delegate, ttl, ticker, null);
    }

    /** Tells {@code otherInstances} of every change, and forgets its cached clients when they change one. */
    public CachingRegisteredClientRepository(RegisteredClientRepository delegate, Duration ttl, Ticker ticker,
            ClientChangeNotifications otherInstances) {
        this.delegate = delegate;
        this.byId = cache(ttl, ticker);
        this.byClientId = cache(ttl, ticker);
        this.otherInstances = otherInstances;
        if (otherInstances != null) {
            otherInstances.onChange(this::forgetAllNow);
        }
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        try {
            delegate.save(registeredClient);
        }
        finally {
            // a save may change the client id or the secret of any cached entry: forget them all, saves are rare
            forgetAll();
        }
        if (otherInstances != null) {
            otherInstances.announce();
        }
    }

    /** After a change made past {@link #save}: forget every client here and on the other instances. */
    void changed() {
        forgetAll();
        if (otherInstances != null) {
            otherInstances.announce();
        }
    }

    // inside a transaction also once it ends, or a request reading the client before the commit would cache the old one
    private void forgetAll() {
        forgetAllNow();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

                @Override
                public void afterCompletion(int status) {
                    forgetAllNow();
                }
            });
        }
    }

    private void forgetAllNow() {
        byId.invalidateAll();
        byClientId.invalidateAll();
    }

    @Override
    public RegisteredClient findById(String id) {
        return byId.get(id, delegate::findById);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return byClientId.get(clientId, delegate::findByClientId);
    }

    private static Cache<String, RegisteredClient> cache(Duration ttl, Ticker ticker) {
        return Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).ticker(ticker).build();
    }
}
