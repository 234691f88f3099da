package dev.tollgate.auth.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

@Configuration(proxyBeanMethods = false)
class MetricsConfig {

    /** Just inside the request context filter (-105) and ahead of Spring Security (-100), so it times the whole call. */
    private static final int BEFORE_SECURITY = -104;

    @Bean
    FilterRegistrationBean<ProtocolEndpointMetrics> protocolEndpointMetrics(MeterRegistry registry) {
        FilterRegistrationBean<ProtocolEndpointMetrics> registration =
                new FilterRegistrationBean<>(new ProtocolEndpointMetrics(registry));
        registration.addUrlPatterns(ProtocolEndpointMetrics.TOKEN_PATH, ProtocolEndpointMetrics.INTROSPECTION_PATH,
                ProtocolEndpointMetrics.REVOCATION_PATH);
        registration.setOrder(BEFORE_SECURITY);
        return registration;
    }

    /**
     * The token, introspection and revocation calls are timed once, by {@link ProtocolEndpointMetrics}, not a second
     * time as {@code http.server.requests}: that observation cost the client_credentials path about 4 % of its CPU
     * (bench/NOTES.md), and its {@code uri} label says no more than the metric's name. Every other request keeps it.
     */
    @Bean
    ObservationPredicate protocolEndpointsTimedOnce() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && ProtocolEndpointMetrics.isTimed(request.getCarrier()));
    }
}
