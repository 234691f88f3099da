package dev.tollgate.auth.operations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import dev.tollgate.auth.web.FilterChainOrder;
import dev.tollgate.auth.web.SecurityHeaders;

/**
 * The operations endpoints. Health (liveness, readiness) and info are public: load balancers and orchestrators
 * probe them without credentials and they reveal only UP/DOWN. Prometheus metrics name clients and traffic, so
 * they need the scraper's HTTP Basic credentials. Nothing here creates a session.
 */
@Configuration(proxyBeanMethods = false)
public class ActuatorSecurityConfig {

    @Bean
    @Order(FilterChainOrder.OPERATIONS)
    SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http, MetricsScraperProperties scraper) {
        http.securityMatcher("/actuator/**")
                .headers(SecurityHeaders.everywhere())
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/prometheus").hasRole(MetricsScraperAuthentication.ROLE)
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.realmName("tollgate-metrics"))
                .authenticationManager(new MetricsScraperAuthentication(scraper))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable());
        return http.build();
    }
}
