package dev.tollgate.auth.config;

import java.time.Clock;
import java.util.Arrays;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeRequestAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.transaction.support.TransactionOperations;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.authorize.AuthorizationRequestCache;
import dev.tollgate.auth.authorize.ConsentPrompt;
import dev.tollgate.auth.authorize.FreshSignIn;
import dev.tollgate.auth.authorize.FreshSignInEntry;
import dev.tollgate.auth.authorize.GrantableScopesRequestConverter;
import dev.tollgate.auth.authorize.IssuerInAuthorizationResponse;
import dev.tollgate.auth.authorize.NativeAppRedirectUris;
import dev.tollgate.auth.authorize.PromptNoneWithoutSignIn;
import dev.tollgate.auth.authorize.RequestObjectsRefused;
import dev.tollgate.auth.client.ClientAuthenticationRequired;
import dev.tollgate.auth.client.PublicClientRefreshAuthenticationProvider;
import dev.tollgate.auth.client.PublicClientRefreshConverter;
import dev.tollgate.auth.client.SingleUseClientAssertions;
import dev.tollgate.auth.client.UsedClientAssertions;
import dev.tollgate.auth.consent.ConsentRequired;
import dev.tollgate.auth.consent.DenyRevokesConsent;
import dev.tollgate.auth.consent.UncheckedScopesWithdrawn;
import dev.tollgate.auth.cors.BrowserAccess;
import dev.tollgate.auth.cors.BrowserOrigins;
import dev.tollgate.auth.keys.KeyProperties;
import dev.tollgate.auth.ratelimit.RateLimits;
import dev.tollgate.auth.logout.LogoutConfirmation;
import dev.tollgate.auth.logout.SessionBoundLogout;
import dev.tollgate.auth.registration.DynamicClientRegistration;
import dev.tollgate.auth.token.AuthorizationCodeReplayDetection;
import dev.tollgate.auth.authorization.HashedAuthorizationService;
import dev.tollgate.auth.userinfo.IdentityClaims;
import dev.tollgate.auth.introspection.IntrospectionPolicy;
import dev.tollgate.auth.revocation.RaceSafeRevocation;
import dev.tollgate.auth.refresh.RefreshTokenReuseDetection;
import dev.tollgate.auth.token.RegisteredScopesByDefault;
import dev.tollgate.auth.revocation.RevocationAudit;
import dev.tollgate.auth.authorization.RotatedRefreshTokens;
import dev.tollgate.auth.logout.SessionTokensRevocation;
import dev.tollgate.auth.user.TokenSubjects;
import dev.tollgate.auth.userinfo.UserInfoErrors;
import dev.tollgate.auth.userinfo.UserInfoMapper;
import dev.tollgate.auth.web.SecurityHeaders;
import dev.tollgate.auth.TollgateProperties;

/** The OAuth 2.1 / OpenID Connect protocol endpoints (Spring Authorization Server), ahead of every other chain. */
@Configuration(proxyBeanMethods = false)
public class AuthorizationServerConfig {

    public static final String CONSENT_PAGE = "/oauth2/consent";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http, RegisteredClientRepository clients,
            HashedAuthorizationService authorizations, RotatedRefreshTokens rotatedRefreshTokens,
            UserInfoMapper userInfoMapper, SessionTokensRevocation sessionTokensRevocation,
            TransactionOperations transactions, AuditLog audit, Clock clock, RateLimits rateLimits,
            BrowserOrigins browserOrigins, AuthorizationServerSettings endpoints,
            DynamicClientRegistration clientRegistration, KeyProperties keys,
            OAuth2AuthorizationConsentService consents, TokenSubjects subjects,
            UsedClientAssertions usedClientAssertions) {
        IssuerInAuthorizationResponse authorizationResponse = new IssuerInAuthorizationResponse();
        AuthorizationRequestCache requestCache = new AuthorizationRequestCache(endpoints.getAuthorizationEndpoint());
        LoginUrlAuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint(DefaultSecurityConfig.LOGIN_PAGE);
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.authorizationEndpoint(authorize -> authorize
                    .consentPage(CONSENT_PAGE)
                    .authenticationProviders(providers -> providers.replaceAll(provider -> {
                        if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequest) {
                            codeRequest.setAuthenticationValidator(NativeAppRedirectUris.validator()
                                    .andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator
                                            .DEFAULT_SCOPE_VALIDATOR)
                                    .andThen(new FreshSignIn(clock)));
                            codeRequest.setAuthorizationConsentRequired(new ConsentPrompt(new ConsentRequired()));
                        }
                        if (provider instanceof OAuth2AuthorizationConsentAuthenticationProvider consent) {
                            consent.setAuthorizationConsentCustomizer(new DenyRevokesConsent());
                            return new UncheckedScopesWithdrawn(consent, authorizations, consents);
                        }
                        return provider;
                    }))
                    .authorizationRequestConverters(converters -> converters.replaceAll(converter ->
                            converter instanceof OAuth2AuthorizationCodeRequestAuthenticationConverter
                                    ? new GrantableScopesRequestConverter(
                                            new RequestObjectsRefused(converter, clients), clients)
                                    : converter))
                    .authorizationResponseHandler(authorizationResponse)
                    .errorResponseHandler(new FreshSignInEntry(authorizationResponse, requestCache, loginPage)));
            server.clientAuthentication(client -> client
                    .authenticationConverter(new PublicClientRefreshConverter())
                    .authenticationProvider(new PublicClientRefreshAuthenticationProvider(clients))
                    .authenticationProviders(providers -> providers.replaceAll(provider ->
                            provider instanceof JwtClientAssertionAuthenticationProvider
                                    ? new SingleUseClientAssertions(provider, usedClientAssertions, clock)
                                    : provider)));
            server.tokenEndpoint(token -> token
                    .accessTokenRequestConverter(new RegisteredScopesByDefault())
                    .authenticationProviders(providers -> providers.replaceAll(provider -> {
                        if (provider instanceof OAuth2RefreshTokenAuthenticationProvider) {
                            return new RefreshTokenReuseDetection(provider, authorizations, rotatedRefreshTokens,
                                    transactions, audit, clock);
                        }
                        if (provider instanceof OAuth2AuthorizationCodeAuthenticationProvider) {
                            return new AuthorizationCodeReplayDetection(provider, authorizations, audit);
                        }
                        return provider;
                    })));
            server.tokenRevocationEndpoint(revoke -> revoke.authenticationProviders(providers ->
                    providers.replaceAll(provider -> new RevocationAudit(
                            new RaceSafeRevocation(provider, authorizations, rotatedRefreshTokens), audit))));
            server.tokenIntrospectionEndpoint(introspect -> introspect.authenticationProviders(providers ->
                    providers.replaceAll(provider -> provider instanceof OAuth2TokenIntrospectionAuthenticationProvider
                            ? new IntrospectionPolicy(provider, subjects) : provider)));
            server.clientRegistrationEndpoint(registration -> registration
                    .authenticationProviders(clientRegistration::useTollgateRules));
            // one registration endpoint in both documents; /oauth2/register stays as an alias
            server.authorizationServerMetadataEndpoint(metadata -> metadata.authorizationServerMetadataCustomizer(
                    builder -> builder.claim(IssuerInAuthorizationResponse.METADATA_NAME, true)
                            .clientRegistrationEndpoint(AuthorizationServerContextHolder.getContext().getIssuer()
                                    + endpoints.getOidcClientRegistrationEndpoint())));
            server.oidc(oidc -> oidc
                    .providerConfigurationEndpoint(configuration -> configuration.providerConfigurationCustomizer(
                            builder -> builder.claim(IssuerInAuthorizationResponse.METADATA_NAME, true)
                                    .claim("claims_supported", IdentityClaims.SUPPORTED)
                                    .claim("request_parameter_supported", false)
                                    .claim("request_uri_parameter_supported", false)
                                    .idTokenSigningAlgorithms(algorithms -> algorithms
                                            .replaceAll(any -> keys.algorithm().name()))))
                    .userInfoEndpoint(userInfo -> userInfo
                            .userInfoMapper(userInfoMapper)
                            .errorResponseHandler(new UserInfoErrors()))
                    .clientRegistrationEndpoint(registration -> registration
                            .authenticationProviders(clientRegistration::useTollgateRules))
                    .logoutEndpoint(logout -> logout
                            .authenticationProviders(providers -> providers.replaceAll(SessionBoundLogout::wrap))
                            .errorResponseHandler(new LogoutConfirmation("/logout"))
                            .logoutResponseHandler(sessionTokensRevocation.rpInitiatedLogoutHandler())));
        });
        http.headers(SecurityHeaders.everywhere())
                .cors(cors -> cors.configurationSource(BrowserAccess.to(browserOrigins, endpoints)))
                .addFilterAfter(rateLimits.perAddress(), HeaderWriterFilter.class)
                .addFilterBefore(rateLimits.perClient(), AuthorizationFilter.class)
                .addFilterBefore(new PromptNoneWithoutSignIn(authorizationResponse), AuthorizationFilter.class)
                .requestCache(cache -> cache.requestCache(requestCache))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(new BearerTokenAuthenticationEntryPoint(),
                                DynamicClientRegistration.endpoints(endpoints))
                        // programs call these, often with Accept: */*: never the login page
                        .defaultAuthenticationEntryPointFor(new ClientAuthenticationRequired(), paths(
                                endpoints.getTokenEndpoint(), endpoints.getTokenIntrospectionEndpoint(),
                                endpoints.getTokenRevocationEndpoint()))
                        .defaultAuthenticationEntryPointFor(new BearerTokenAuthenticationEntryPoint(),
                                paths(endpoints.getOidcUserInfoEndpoint()))
                        .defaultAuthenticationEntryPointFor(
                                loginPage,
                                new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    private static RequestMatcher paths(String... paths) {
        return new OrRequestMatcher(Arrays.stream(paths)
                .map(path -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(path)).toList());
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(TollgateProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    /** Checks access tokens presented to userinfo and the client registration endpoints: ours, RFC 9068 typed, unexpired, from this issuer. */
    @Bean
    JwtDecoder accessTokenDecoder(JWKSource<SecurityContext> jwkSource, TollgateProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTypeValidator("at+jwt"),
                new JwtTimestampValidator(),
                new JwtIssuerValidator(properties.issuer())));
        return decoder;
    }
}
