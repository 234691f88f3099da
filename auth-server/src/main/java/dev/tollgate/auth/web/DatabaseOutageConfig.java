package dev.tollgate.auth.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class DatabaseOutageConfig {

    /** Outermost, so that it also sees the failures of Spring Session's filter (order -2147483598). */
    @Bean
    FilterRegistrationBean<DatabaseOutageAnswer> databaseOutageAnswer() {
        FilterRegistrationBean<DatabaseOutageAnswer> registration =
                new FilterRegistrationBean<>(new DatabaseOutageAnswer());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
