package dev.tollgate.auth.federation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2LoginAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.NullSecurityContextRepository;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.session.AfterFirstFactor;
import dev.tollgate.auth.web.FilterChainOrder;
import dev.tollgate.auth.web.Pages;
import dev.tollgate.auth.web.SecurityHeaders;

/**
 * Social login: "Continue with ..." starts at {@code /oauth2/authorization/{id}}, the provider answers at
 * {@code /login/oauth2/code/{id}}. Its own chain, between the protocol endpoints and the default chain, and only when
 * a provider is switched on.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(UpstreamProvidersConfigured.class)
class FederationSecurityConfig {

    @Bean
    UpstreamRegistrations upstreamRegistrations(UpstreamProviders providers) {
        return new UpstreamRegistrations(providers);
    }

    @Bean
    UpstreamSignInFailure upstreamSignInFailure(AuditLog audit) {
        return new UpstreamSignInFailure(audit);
    }

    @Bean
    @Order(FilterChainOrder.FEDERATION)
    SecurityFilterChain federationSecurityFilterChain(HttpSecurity http, UpstreamRegistrations registrations,
            UpstreamProviders providers, FederatedAccounts accounts, LocalUserSession session,
            UpstreamSignInFailure failure, AuditLog audit, AfterFirstFactor afterUpstream) {
        UpstreamSignInSuccess success = new UpstreamSignInSuccess(providers, accounts, session, failure,
                afterUpstream, audit);
        http.securityMatcher("/oauth2/authorization/*", "/login/oauth2/code/*", LinkAccountController.PATH,
                        LinkAccountController.PATH + "/*")
                .headers(SecurityHeaders.everywhere())
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .addFilterBefore(new UpstreamIssuerCheck(registrations, failure), OAuth2LoginAuthenticationFilter.class)
                .oauth2Login(login -> login
                        .loginPage(Pages.LOGIN)
                        .clientRegistrationRepository(registrations)
                        .authorizedClientRepository(new UpstreamTokensNotKept())
                        // the upstream authentication lives for this request only; the success handler stores
                        // the local user's
                        .securityContextRepository(new NullSecurityContextRepository())
                        .userInfoEndpoint(userInfo -> userInfo.userService(new GitHubUserService()))
                        .successHandler(success)
                        .failureHandler(failure)
                        .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                            @Override
                            public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(failure);
                                return filter;
                            }
                        }));
        return http.build();
    }
}
