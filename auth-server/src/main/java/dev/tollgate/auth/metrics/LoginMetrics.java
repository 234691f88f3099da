package dev.tollgate.auth.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Counts sign-ins with a username and password on the hosted login page, by outcome. */
@Component
class LoginMetrics {

    private final Counter successes;

    private final Counter failures;

    LoginMetrics(MeterRegistry registry) {
        this.successes = counter(registry, "success");
        this.failures = counter(registry, "failure");
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken) {
            successes.increment();
        }
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken) {
            failures.increment();
        }
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("tollgate.logins")
                .description("Sign-ins with username and password on the login page")
                .tag("outcome", outcome)
                .register(registry);
    }
}
