package dev.tollgate.auth.config;

import java.util.Arrays;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import dev.tollgate.auth.AuthServerProperties;
import dev.tollgate.auth.authorization.StatelessClientTokens;
import dev.tollgate.auth.authorize.AuthorizationEndpoint;
import dev.tollgate.auth.client.ClientAuthentication;
import dev.tollgate.auth.client.ClientAuthenticationRequired;
import dev.tollgate.auth.cors.BrowserAccess;
import dev.tollgate.auth.cors.BrowserOrigins;
import dev.tollgate.auth.device.DeviceFlow;
import dev.tollgate.auth.discovery.Discovery;
import dev.tollgate.auth.dpop.ProofOfPossession;
import dev.tollgate.auth.introspection.IntrospectionEndpoint;
import dev.tollgate.auth.logout.LogoutEndpoint;
import dev.tollgate.auth.metrics.AuthenticatedClient;
import dev.tollgate.auth.metrics.ClientLabelProperties;
import dev.tollgate.auth.par.PushedAuthorizationRequestEndpoint;
import dev.tollgate.auth.ratelimit.RateLimits;
import dev.tollgate.auth.registration.DynamicClientRegistration;
import dev.tollgate.auth.revocation.RevocationEndpoint;
import dev.tollgate.auth.token.TokenEndpoint;
import dev.tollgate.auth.userinfo.UserInfoEndpoint;
import dev.tollgate.auth.web.FilterChainOrder;
import dev.tollgate.auth.web.Pages;
import dev.tollgate.auth.web.SecurityHeaders;

/**
 * The OAuth 2.1 / OpenID Connect protocol endpoints (Spring Authorization Server), ahead of every other chain. Each
 * endpoint's rules live in the package named after it; this chain only says which package customises which endpoint.
 */
@Configuration(proxyBeanMethods = false)
public class AuthorizationServerConfig {

    @Bean
    @Order(FilterChainOrder.PROTOCOL_ENDPOINTS)
    SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http, AuthorizationServerSettings endpoints,
            AuthorizationEndpoint authorize, ClientAuthentication clientAuthentication, TokenEndpoint token,
            RevocationEndpoint revocation, IntrospectionEndpoint introspection,
            DynamicClientRegistration clientRegistration, Discovery discovery, UserInfoEndpoint userInfo,
            LogoutEndpoint logout, DeviceFlow device, RateLimits rateLimits, BrowserOrigins browserOrigins,
            ClientLabelProperties metricsLabels, PushedAuthorizationRequestEndpoint pushedAuthorizationRequests,
            ProofOfPossession proofOfPossession) {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(new OrRequestMatcher(server.getEndpointsMatcher(),
                    DynamicClientRegistration.configurationChanges(endpoints)));
            server.authorizationEndpoint(authorize::customize)
                    .pushedAuthorizationRequestEndpoint(push -> pushedAuthorizationRequests.customize(push,
                            authorize.pushedRequestRules()))
                    .clientAuthentication(clientAuthentication::customize)
                    .tokenEndpoint(token::customize)
                    .tokenRevocationEndpoint(revocation::customize)
                    .tokenIntrospectionEndpoint(introspection::customize)
                    .clientRegistrationEndpoint(registration -> registration
                            .authenticationProviders(clientRegistration::useTollgateRules))
                    .authorizationServerMetadataEndpoint(discovery::customize)
                    .oidc(oidc -> oidc
                            .providerConfigurationEndpoint(discovery::customize)
                            .userInfoEndpoint(userInfo::customize)
                            .clientRegistrationEndpoint(registration -> registration
                                    .authenticationProviders(clientRegistration::useTollgateRules))
                            .logoutEndpoint(logout::customize));
            device.customize(server, endpoints);
        });
        http.csrf(csrf -> csrf.ignoringRequestMatchers(DynamicClientRegistration.configurationChanges(endpoints)))
                .addFilterAfter(clientRegistration.configurationChangesFilter(endpoints), AuthorizationFilter.class);
        http.headers(SecurityHeaders.everywhere())
                .cors(cors -> cors.configurationSource(BrowserAccess.to(browserOrigins, endpoints)))
                .addFilterAfter(rateLimits.perAddress(), HeaderWriterFilter.class)
                .addFilterAfter(proofOfPossession.nonceOnTokenResponses(endpoints.getTokenEndpoint()),
                        HeaderWriterFilter.class)
                .addFilterBefore(new AuthenticatedClient(metricsLabels), AuthorizationFilter.class)
                .addFilterBefore(rateLimits.perClient(), AuthorizationFilter.class);
        authorize.addFilters(http);
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(new BearerTokenAuthenticationEntryPoint(),
                                DynamicClientRegistration.endpoints(endpoints))
                        // programs call these, often with Accept: */*: never the login page
                        .defaultAuthenticationEntryPointFor(new ClientAuthenticationRequired(), paths(
                                endpoints.getTokenEndpoint(), endpoints.getTokenIntrospectionEndpoint(),
                                endpoints.getTokenRevocationEndpoint(), endpoints.getDeviceAuthorizationEndpoint(),
                                endpoints.getPushedAuthorizationRequestEndpoint()))
                        .defaultAuthenticationEntryPointFor(new BearerTokenAuthenticationEntryPoint(),
                                paths(endpoints.getOidcUserInfoEndpoint()))
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint(Pages.LOGIN),
                                new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    private static RequestMatcher paths(String... paths) {
        return new OrRequestMatcher(Arrays.stream(paths)
                .map(path -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(path)).toList());
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(AuthServerProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    /** Checks access tokens presented to userinfo and the client registration endpoints: ours, RFC 9068 typed, unexpired, from this issuer. */
    @Bean
    JwtDecoder accessTokenDecoder(JWKSource<SecurityContext> jwkSource, AuthServerProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTypeValidator(StatelessClientTokens.ACCESS_TOKEN_JWT_TYPE),
                new JwtTimestampValidator(),
                new JwtIssuerValidator(properties.issuer())));
        return decoder;
    }
}
