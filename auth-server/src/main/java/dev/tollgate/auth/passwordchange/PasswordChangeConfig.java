package dev.tollgate.auth.passwordchange;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.SessionRepositoryFilter;

@Configuration(proxyBeanMethods = false)
class PasswordChangeConfig {

    /**
     * Inside Spring Session's filter (it reads the shared session) and ahead of Spring Security's chains, so that
     * it holds for the protocol endpoints (an authorization request) as for the hosted pages.
     */
    @Bean
    FilterRegistrationBean<PasswordChangeGate> passwordChangeGate() {
        FilterRegistrationBean<PasswordChangeGate> registration = new FilterRegistrationBean<>(new PasswordChangeGate());
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
        return registration;
    }
}
