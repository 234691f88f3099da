package dev.tollgate.auth.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.header.HeaderWriterFilter;

import dev.tollgate.auth.cors.BrowserAccess;
import dev.tollgate.auth.cors.BrowserOrigins;
import dev.tollgate.auth.logout.SessionTokensRevocation;
import dev.tollgate.auth.passkey.PasskeySignIn;
import dev.tollgate.auth.password.PasswordProperties;
import dev.tollgate.auth.ratelimit.RateLimits;
import dev.tollgate.auth.secret.TollgatePasswordEncoder;
import dev.tollgate.auth.session.AfterFirstFactor;
import dev.tollgate.auth.session.SignIns;
import dev.tollgate.auth.user.Roles;
import dev.tollgate.auth.web.FilterChainOrder;
import dev.tollgate.auth.web.Pages;
import dev.tollgate.auth.web.SecurityHeaders;

/** Everything that is not a protocol or actuator endpoint: the hosted pages, sign-in and sign-out. */
@Configuration(proxyBeanMethods = false)
public class DefaultSecurityConfig {

    @Bean
    @Order(FilterChainOrder.HOSTED_PAGES)
    SecurityFilterChain defaultSecurityFilterChain(HttpSecurity http, SessionTokensRevocation sessionTokensRevocation,
            AuthenticationFailureHandler loginFailureHandler, RateLimits rateLimits, BrowserOrigins browserOrigins,
            AuthorizationServerSettings endpoints, AfterFirstFactor afterPassword, PasskeySignIn passkeySignIn) {
        // CORS pre-flight requests of the protocol endpoints arrive here: the protocol chain matches only their methods
        http.headers(SecurityHeaders.everywhere())
                .cors(cors -> cors.configurationSource(BrowserAccess.to(browserOrigins, endpoints)))
                .addFilterAfter(rateLimits.perAddress(), HeaderWriterFilter.class)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(Pages.LOGIN, Pages.TWO_FACTOR, Pages.FORGOT_PASSWORD, Pages.FORGOT_PASSWORD + "/**",
                                Pages.REGISTER, Pages.REGISTER + "/**", Pages.VERIFY_EMAIL,
                                "/css/**", "/img/**", "/js/**", "/error").permitAll()
                        .requestMatchers("/admin/**").hasRole(Roles.ADMIN)
                        .anyRequest().authenticated())
                .formLogin(login -> login
                        .loginPage(Pages.LOGIN)
                        .authenticationDetailsSource(SignIns.DETAILS)
                        .successHandler(afterPassword)
                        .failureHandler(loginFailureHandler)
                        .permitAll())
                .with(passkeySignIn, Customizer.withDefaults())
                .logout(logout -> logout
                        .logoutUrl(Pages.LOGOUT)
                        .addLogoutHandler(sessionTokensRevocation)
                        .logoutSuccessUrl(Pages.LOGIN + "?logout")
                        .permitAll());
        return http.build();
    }

    /** User passwords and client secrets; see {@link TollgatePasswordEncoder}. */
    @Bean
    PasswordEncoder passwordEncoder(PasswordProperties passwords) {
        return new TollgatePasswordEncoder(passwords.bcryptStrength());
    }
}
