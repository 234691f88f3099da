package dev.tollgate.api.security;

import java.util.List;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import tools.jackson.databind.json.JsonMapper;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import dev.tollgate.api.ApiProperties;
import dev.tollgate.api.dpop.ProofOfPossession;

/**
 * A stateless bearer-token API. Who may call what is the table below, the same as the README's ("The example
 * API"); it is decided before a request body is even read, so an unauthorized caller learns nothing from validation.
 * Features add their own filters to this chain through {@code Customizer<HttpSecurity>} beans, so this package
 * depends on none of them (the users directory records each caller that way: {@code user.UserDirectoryRecording}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final String BOOKS = "/api/books";
    private static final String BOOK = "/api/books/{id}";

    static final List<String> SCOPES = List.of("books.read", "books.write", "profile", "users.read");

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, AccessTokenCaches caches,
            ObjectProvider<AccessTokenDenyList> denyList,
            ApiProperties properties, BearerProblemEntryPoint entryPoint,
            BearerProblemAccessDeniedHandler accessDeniedHandler, JsonMapper json,
            ProofOfPossession proofOfPossession) {
        AuthenticationManager tokens = new BearerTokenAuthenticationManager(caches.verifiedJwts(), caches.introspections(),
                denyList.getIfAvailable(() -> AccessTokenDenyList.NONE));
        AuthenticationManager bearerTokens = ProofOfPossession.bearerOnly(tokens);
        http
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers(GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers(GET, BOOKS, BOOK).access(ApiAccess.scope("books.read"))
                        .requestMatchers(HEAD, BOOKS, BOOK).access(ApiAccess.scope("books.read"))
                        .requestMatchers(POST, BOOKS).access(ApiAccess.scopeAndRoleForUsers("books.write", "ADMIN"))
                        .requestMatchers(PUT, BOOK).access(ApiAccess.scopeAndRoleForUsers("books.write", "ADMIN"))
                        .requestMatchers(DELETE, BOOK).access(ApiAccess.scopeAndRoleForUsers("books.write", "ADMIN"))
                        .requestMatchers(GET, "/api/users/me").access(ApiAccess.userTokenWithScope("profile"))
                        .requestMatchers(GET, "/api/users/{id}").access(ApiAccess.selfOrRoleWithScope("id", "ADMIN", "profile"))
                        .requestMatchers(GET, "/api/users").access(ApiAccess.roleAndScope("ADMIN", "users.read"))
                        // any other method or path under /api still needs a token; MVC then answers 404 or 405
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        // Spring Security's DPoP filter resolves the manager too, for Authorization: DPoP
                        .authenticationManagerResolver(request -> ProofOfPossession.isDPoPRequest(request)
                                ? tokens : bearerTokens)
                        .bearerTokenResolver(new AuthorizationHeaderTokenResolver())
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDeniedHandler)
                        .withObjectPostProcessor(reportingEveryFailureTo(entryPoint))
                        .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(resource -> resource
                                .authorizationServer(properties.issuer().toString())
                                .scopes(scopes -> scopes.addAll(SCOPES))
                                .tlsClientCertificateBoundAccessTokens(false))))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDeniedHandler))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                // nothing here signs out or asks the servlet request who is calling: two filters and a request
                // wrapper fewer on every call
                .logout(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .addFilter(ApiCors.filter(properties, json))
                .addFilterBefore(proofOfPossession.singleUseProofs(), AuthorizationFilter.class);
        return http.build();
    }

    /** Same rules as the default firewall, checked faster for the kilobyte-long Authorization header. */
    @Bean
    HttpFirewall httpFirewall() {
        return HeaderCheckingFirewall.create();
    }

    /**
     * With the actuator on the class path, Spring Security observes every filter and every authorization
     * decision; profiled, that was a tenth of the CPU of a {@code GET /api/books/{id}}. Request timings stay.
     */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * By default a token that could not be checked at all (JWK set unreachable) escapes as a 500; send it
     * to the entry point too, which answers 503.
     */
    private static ObjectPostProcessor<BearerTokenAuthenticationFilter> reportingEveryFailureTo(
            AuthenticationEntryPoint entryPoint) {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                AuthenticationEntryPointFailureHandler failures = new AuthenticationEntryPointFailureHandler(entryPoint);
                failures.setRethrowAuthenticationServiceException(false);
                filter.setAuthenticationFailureHandler(failures);
                return filter;
            }
        };
    }
}
