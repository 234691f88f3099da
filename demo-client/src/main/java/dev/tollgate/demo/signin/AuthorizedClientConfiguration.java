package dev.tollgate.demo.signin;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.client.JdbcOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.AuthenticatedPrincipalOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;

/**
 * The user's Tollgate tokens: kept in the database (table {@code oauth2_authorized_client}), and renewed
 * with the refresh token shortly before the access token expires.
 */
@Configuration(proxyBeanMethods = false)
public class AuthorizedClientConfiguration {

    @Bean
    OAuth2AuthorizedClientService authorizedClientService(JdbcOperations jdbc,
            ClientRegistrationRepository clientRegistrations) {
        return new JdbcOAuth2AuthorizedClientService(jdbc, clientRegistrations);
    }

    @Bean
    OAuth2AuthorizedClientRepository authorizedClientRepository(OAuth2AuthorizedClientService authorizedClients) {
        return new AuthenticatedPrincipalOAuth2AuthorizedClientRepository(authorizedClients);
    }

    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository clientRegistrations,
            OAuth2AuthorizedClientRepository authorizedClients, Clock clock) {
        DefaultOAuth2AuthorizedClientManager manager =
                new DefaultOAuth2AuthorizedClientManager(clientRegistrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken(renewal -> renewal.clock(clock))
                .build());
        return manager;
    }
}
