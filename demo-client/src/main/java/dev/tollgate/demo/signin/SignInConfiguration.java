package dev.tollgate.demo.signin;

import dev.tollgate.demo.DemoClientProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OidcBackChannelLogoutHandler;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.session.InMemoryOidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2LoginAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.web.client.RestClient;

/**
 * Who may see what, and how a visitor signs in and out: pages other than the home page need a Tollgate
 * sign-in, made with a pushed authorization request ({@link PushedAuthorizationRequests}); signing out also ends the
 * Tollgate session (OIDC RP-initiated logout), and a session ended at Tollgate ends the session here that signed in
 * through it (OIDC Back-Channel Logout 1.0: Tollgate posts a logout token to {@value #BACK_CHANNEL_LOGOUT_PATH}).
 */
@Configuration(proxyBeanMethods = false)
public class SignInConfiguration {

    public static final String SIGN_IN_URL = "/oauth2/authorization/" + TollgateRegistration.ID;

    /** Where a failed or refused sign-in lands: the home page explains it. */
    public static final String SIGN_IN_FAILED_URL = "/?error";

    private static final String CALLBACK_PATTERN = "/login/oauth2/code/*";

    /** Where Tollgate posts logout tokens; {@code demo-web} registers it as its {@code backchannel_logout_uri}. */
    public static final String BACK_CHANNEL_LOGOUT_PATH = "/logout/connect/back-channel/" + TollgateRegistration.ID;

    // server.servlet.session.cookie.name in application.yml
    private static final String SESSION_COOKIE = "DEMO_SESSION";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, DemoClientProperties tollgate,
            LogoutSuccessHandler tollgateLogout, OAuth2AuthorizedClientService authorizedClients,
            ClientRegistrationRepository clientRegistrations, RestClient.Builder restClients) {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", "/error", "/css/**", "/favicon.ico", "/actuator/health").permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .loginPage("/")
                        .authorizationEndpoint(authorization -> authorization.authorizationRequestResolver(
                                new PushedAuthorizationRequests(clientRegistrations,
                                        tollgate.endpoint("/oauth2/par"), restClients.build())))
                        .loginProcessingUrl(CALLBACK_PATTERN)
                        .failureUrl(SIGN_IN_FAILED_URL)
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new TollgateUserService())))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(SIGN_IN_URL)))
                .addFilterBefore(
                        new AuthorizationResponseIssuerCheck(CALLBACK_PATTERN, tollgate.issuer(), SIGN_IN_FAILED_URL),
                        OAuth2LoginAuthenticationFilter.class)
                .logout(logout -> logout
                        .addLogoutHandler(forgetTokens(authorizedClients))
                        .logoutSuccessHandler(tollgateLogout))
                // the logout token's signature, issuer, audience and events are checked by Spring Security; its sid
                // picks the one session signed in with an ID token of that sid
                .oidcLogout(logout -> logout.backChannel(Customizer.withDefaults()));
        return http.build();
    }

    @Bean
    LogoutSuccessHandler tollgateLogout(ClientRegistrationRepository clientRegistrations) {
        OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(clientRegistrations);
        handler.setPostLogoutRedirectUri("{baseUrl}/");
        return handler;
    }

    /**
     * Ends the session a logout token names by calling this app's own back-channel endpoint with that session's
     * cookie, whose name is not the servlet default.
     */
    @Bean
    OidcBackChannelLogoutHandler backChannelLogout(OidcSessionRegistry sessions) {
        OidcBackChannelLogoutHandler handler = new OidcBackChannelLogoutHandler(sessions);
        handler.setSessionCookieName(SESSION_COOKIE);
        return handler;
    }

    /** The sessions signed in with each {@code sid}, for back-channel logout; one instance of the demo app. */
    @Bean
    OidcSessionRegistry oidcSessions() {
        return new InMemoryOidcSessionRegistry();
    }

    /** A signed-out user's tokens have no business staying in this app's database. */
    private static LogoutHandler forgetTokens(OAuth2AuthorizedClientService authorizedClients) {
        return (request, response, authentication) -> {
            if (authentication instanceof OAuth2AuthenticationToken token) {
                authorizedClients.removeAuthorizedClient(token.getAuthorizedClientRegistrationId(), token.getName());
            }
        };
    }
}
