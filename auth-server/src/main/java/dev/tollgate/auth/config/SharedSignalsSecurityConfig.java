package dev.tollgate.auth.config;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

import dev.tollgate.auth.admin.ActiveAccessTokens;
import dev.tollgate.auth.authorization.TokenFamilies;
import dev.tollgate.auth.signals.SignalsEndpoints;
import dev.tollgate.auth.web.FilterChainOrder;
import dev.tollgate.auth.web.SecurityHeaders;

/**
 * The Shared Signals transmitter's chain (signals, {@link SignalsEndpoints}): the metadata is public, everything else
 * takes a client's bearer token with scope {@value SignalsEndpoints#MANAGE_SCOPE} (401 without one, 403 without the
 * scope, RFC 6750 §3.1). No session, no cookie, so no CSRF. It lives here because the session code that raises the
 * signals sits below the web layer.
 */
@Configuration(proxyBeanMethods = false)
public class SharedSignalsSecurityConfig {

    @Bean
    @Order(FilterChainOrder.SHARED_SIGNALS)
    SecurityFilterChain sharedSignalsSecurityFilterChain(HttpSecurity http,
            @Qualifier("accessTokenDecoder") JwtDecoder accessTokenDecoder, TokenFamilies tokens) {
        http.securityMatcher(new OrRequestMatcher(
                        PathPatternRequestMatcher.withDefaults().matcher(SignalsEndpoints.CONFIGURATION_PATH),
                        PathPatternRequestMatcher.withDefaults().matcher(SignalsEndpoints.BASE_PATH + "/**")))
                .headers(SecurityHeaders.everywhere())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(SignalsEndpoints.CONFIGURATION_PATH).permitAll()
                        .anyRequest().hasAuthority("SCOPE_" + SignalsEndpoints.MANAGE_SCOPE))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(SignalsEndpoints.clientsOwnTokens(
                                new ActiveAccessTokens(accessTokenDecoder, tokens))))
                        .authenticationEntryPoint(new BearerTokenAuthenticationEntryPoint())
                        .accessDeniedHandler(new BearerTokenAccessDeniedHandler()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(new BearerTokenAuthenticationEntryPoint())
                        .accessDeniedHandler(new BearerTokenAccessDeniedHandler()));
        return http.build();
    }
}
