package dev.tollgate.auth.session;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.session.SessionRegistry;

@Configuration(proxyBeanMethods = false)
class SessionConfig {

    @Bean
    SessionRegistry sessionRegistry() {
        return new NoInstanceSessionRegistry();
    }
}
