package dev.tollgate.auth.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

import dev.tollgate.auth.secret.TollgatePasswordEncoder;

/** Everything that is not a protocol or actuator endpoint: the hosted pages, sign-in and sign-out. */
@Configuration(proxyBeanMethods = false)
public class DefaultSecurityConfig {

    public static final String LOGIN_PAGE = "/login";

    @Bean
    @Order(2)
    SecurityFilterChain defaultSecurityFilterChain(HttpSecurity http) {
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/css/**", "/img/**", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(login -> login
                        .loginPage(LOGIN_PAGE)
                        .failureUrl(LOGIN_PAGE + "?error")
                        .permitAll())
                .logout(logout -> logout
                        .logoutUrl("/logout")
                        .logoutSuccessUrl(LOGIN_PAGE + "?logout")
                        .permitAll());
        return http.build();
    }

    /** User passwords and client secrets; see {@link TollgatePasswordEncoder}. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new TollgatePasswordEncoder();
    }
}
