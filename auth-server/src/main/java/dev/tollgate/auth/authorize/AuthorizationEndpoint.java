package dev.tollgate.auth.authorize;

import java.time.Clock;
import java.util.function.Consumer;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationEndpointConfigurer;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeRequestAuthenticationConverter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.consent.ConsentRequired;
import dev.tollgate.auth.consent.DenyRevokesConsent;
import dev.tollgate.auth.consent.UncheckedScopesWithdrawn;
import dev.tollgate.auth.mfa.RolesRequiringMfa;
import dev.tollgate.auth.par.PushedRequests;
import dev.tollgate.auth.web.Pages;

/**
 * The authorization endpoint ({@code /oauth2/authorize}) on Tollgate's rules: native app redirect URIs, fresh
 * sign-in for {@code prompt=login} and {@code max_age}, two factors when required, consent, no request objects, only
 * grantable scopes, {@code iss} in every response, and pushed authorization requests (RFC 9126) read and spent here,
 * required for the clients registered so.
 */
@Component
public class AuthorizationEndpoint {

    private final RegisteredClientRepository clients;

    private final OAuth2AuthorizationService authorizations;

    private final OAuth2AuthorizationConsentService consents;

    private final Clock clock;

    private final IssuerInAuthorizationResponse authorizationResponse = new IssuerInAuthorizationResponse();

    private final AuthorizationRequestCache requestCache;

    private final TwoFactorsWhenRequired twoFactors;

    private final PushedRequests pushedRequests;

    public AuthorizationEndpoint(RegisteredClientRepository clients, OAuth2AuthorizationService authorizations,
            OAuth2AuthorizationConsentService consents, AuthorizationServerSettings endpoints, Clock clock,
            RolesRequiringMfa mfa, PushedRequests pushedRequests) {
        this.twoFactors = new TwoFactorsWhenRequired(mfa);
        this.clients = clients;
        this.authorizations = authorizations;
        this.consents = consents;
        this.clock = clock;
        this.pushedRequests = pushedRequests;
        this.requestCache = new AuthorizationRequestCache(endpoints.getAuthorizationEndpoint());
    }

    /** For {@code authorizationEndpoint(...)}. */
    public void customize(OAuth2AuthorizationEndpointConfigurer authorize) {
        authorize.consentPage(Pages.CONSENT)
                .authenticationProviders(providers -> providers.replaceAll(provider -> {
                    if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequest) {
                        codeRequest.setAuthenticationValidator(NativeAppRedirectUris.validator()
                                .andThen(new PushedRequestsRequired())
                                .andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR)
                                .andThen(new FreshSignIn(clock))
                                .andThen(twoFactors));
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
                                ? NewerSignInRequest.marking(new GrantableScopesRequestConverter(new RequestObjectsRefused(
                                        new PushedRequestResolver(converter, pushedRequests), clients), clients))
                                : converter))
                .authorizationResponseHandler(new PushedRequestSpent(pushedRequests, authorizationResponse,
                        authorizationResponse))
                .errorResponseHandler(new FreshSignInEntry(authorizationResponse, requestCache,
                        new LoginUrlAuthenticationEntryPoint(Pages.LOGIN),
                        new LoginUrlAuthenticationEntryPoint(Pages.TWO_FACTOR)));
    }

    /**
     * The rules a pushed authorization request must pass when it is pushed (RFC 9126 section 2.1), besides Spring
     * Authorization Server's: those of this endpoint that need no user. The rest are checked when it is used here.
     */
    public Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> pushedRequestRules() {
        return NativeAppRedirectUris.validator()
                .andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR)
                .andThen(new PushedRequestParameters());
    }

    /** {@code prompt=none} answered without the login page, and a request that needs a sign-in resumed after it. */
    public void addFilters(HttpSecurity http) {
        http.addFilterBefore(new PromptNoneWithoutSignIn(authorizationResponse), AuthorizationFilter.class)
                .requestCache(cache -> cache.requestCache(requestCache));
    }
}
