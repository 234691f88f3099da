package dev.tollgate.api.signals;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import dev.tollgate.api.ApiProperties;
import dev.tollgate.api.security.AccessTokenCaches;

/** The Shared Signals receiver's parts; it runs only when {@code tollgate.api.signals.client-id} is set. */
@Configuration(proxyBeanMethods = false)
class SignalsConfig {

    private static final Logger log = LoggerFactory.getLogger(SignalsConfig.class);

    @Bean
    DenyList signalsDenyList(ApiProperties properties) {
        return new DenyList(properties.api().signals().denyListTtl());
    }

    @Bean
    SignalsReceiver signalsReceiver(ApiProperties properties, DenyList denyList, AccessTokenCaches caches, Clock clock) {
        return new SignalsReceiver(properties, new Transmitter(properties, clock), denyList, caches, clock);
    }

    @Bean
    SignalsHealthIndicator signalsReceiverHealthIndicator(SignalsReceiver receiver, DenyList denyList, Clock clock) {
        return new SignalsHealthIndicator(receiver, denyList, clock);
    }

    /**
     * The push endpoint carries no bearer token (its own secret protects it, {@link SignalsController}); a chain of its
     * own, before the API's, so the API's rules stay as they are.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain signalsSecurity(HttpSecurity http) {
        return http.securityMatcher(SignalsController.PATH)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .build();
    }

    /**
     * Runs {@link SignalsReceiver#tick()} every {@code poll-interval} on a thread of its own, from start-up on: the
     * API starts whether or not the auth server answers, and subscribes as soon as it does.
     */
    @Bean
    SmartLifecycle signalsSchedule(SignalsReceiver receiver) {
        return new SmartLifecycle() {
            private ScheduledExecutorService executor;

            @Override
            public synchronized void start() {
                if (!receiver.settings().enabled()) {
                    return;
                }
                executor = Executors.newSingleThreadScheduledExecutor(work -> {
                    Thread thread = new Thread(work, "shared-signals");
                    thread.setDaemon(true);
                    return thread;
                });
                executor.scheduleWithFixedDelay(() -> {
                    try {
                        receiver.tick();
                    } catch (RuntimeException unexpected) {
                        log.error("Shared Signals round failed", unexpected);
                    }
                }, 0, receiver.settings().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            }

            @Override
            public synchronized void stop() {
                if (executor != null) {
                    executor.shutdownNow();
                    executor = null;
                }
            }

            @Override
            public synchronized boolean isRunning() {
                return executor != null;
            }
        };
    }
}
