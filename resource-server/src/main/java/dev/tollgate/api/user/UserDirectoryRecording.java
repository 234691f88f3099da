package dev.tollgate.api.user;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/**
 * Puts the {@link UserDirectoryRecorder} into the API's filter chain, right after the bearer token is validated.
 * A {@code Customizer<HttpSecurity>} bean, which Spring Security applies to the chain the security package builds:
 * the users directory needs the caller, but the security rules need nothing of the directory.
 */
@Configuration(proxyBeanMethods = false)
class UserDirectoryRecording {

    @Bean
    Customizer<HttpSecurity> recordUsersAfterBearerAuthentication(UserSightings sightings) {
        return http -> http.addFilterAfter(new UserDirectoryRecorder(sightings), BearerTokenAuthenticationFilter.class);
    }
}
