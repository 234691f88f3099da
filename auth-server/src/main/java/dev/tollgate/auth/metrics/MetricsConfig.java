package dev.tollgate.auth.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
}
