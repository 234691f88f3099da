package dev.tollgate.auth.registration;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.converter.OAuth2ClientRegistrationRegisteredClientConverter;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcClientConfigurationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcClientRegistrationAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcClientRegistrationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcClientRegistrationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcClientRegistrationAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.oidc.converter.OidcClientRegistrationRegisteredClientConverter;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.tollgate.auth.AuthServerProperties;
import dev.tollgate.auth.secret.TollgatePasswordEncoder;
import dev.tollgate.auth.token.TokenPolicy;

/**
 * Dynamic client registration: OpenID Connect at {@code /connect/register} (with the RFC 7592 configuration read
 * through the returned registration access token) and RFC 7591 at {@code /oauth2/register}. Spring Authorization
 * Server's providers do the protocol: a one-time initial access token with exactly the scope
 * {@value #CLIENT_CREATE_SCOPE}, obtained by a registrar client through client_credentials. Tollgate's rules
 * decide what may be registered ({@link ClientMetadataRules}) and how ({@link RegisteredClientDefaults}); an initial
 * access token registers one client even when sent in parallel requests ({@link SingleUseInitialAccessToken}).
 */
@Component
public class DynamicClientRegistration {

    /** The scope an initial access token needs, and the only one it may have (Spring Authorization Server). */
    public static final String CLIENT_CREATE_SCOPE = "client.create";

    private final RegisteredClientRepository clients;

    private final OAuth2AuthorizationService authorizations;

    private final OAuth2TokenGenerator<?> tokenGenerator;

    private final TokenPolicy tokenPolicy;

    private final ClientMetadataRules rules;
    private final TransactionOperations transactions;

    public DynamicClientRegistration(RegisteredClientRepository clients, OAuth2AuthorizationService authorizations,
            OAuth2TokenGenerator<?> tokenGenerator, TokenPolicy tokenPolicy, AuthServerProperties properties,
            TransactionOperations transactions) {
        this.clients = clients;
        this.authorizations = new ScopeClaimAsList(authorizations);
        this.tokenGenerator = tokenGenerator;
        this.tokenPolicy = tokenPolicy;
        this.rules = ClientMetadataRules.forRegistrar(properties.registration().allowAdminScopesForServices());
        this.transactions = transactions;
    }

    /** Both registration endpoints: API endpoints, so a request without a token gets 401, never the login page. */
    public static RequestMatcher endpoints(AuthorizationServerSettings settings) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(paths.matcher(settings.getOidcClientRegistrationEndpoint()),
                paths.matcher(settings.getClientRegistrationEndpoint()));
    }

    /** For both registration endpoints' {@code authenticationProviders(...)}: Spring's providers on Tollgate's rules. */
    public void useTollgateRules(List<AuthenticationProvider> providers) {
        providers.replaceAll(provider -> {
            if (provider instanceof OidcClientRegistrationAuthenticationProvider) {
                return new SingleUseInitialAccessToken(oidcRegistration(), transactions);
            }
            if (provider instanceof OidcClientConfigurationAuthenticationProvider) {
                return oidcConfiguration();
            }
            if (provider instanceof OAuth2ClientRegistrationAuthenticationProvider) {
                return new SingleUseInitialAccessToken(oauthRegistration(), transactions);
            }
            return provider;
        });
    }

    private AuthenticationProvider oidcRegistration() {
        OidcClientRegistrationAuthenticationProvider registration =
                new OidcClientRegistrationAuthenticationProvider(clients, authorizations, tokenGenerator);
        Consumer<OidcClientRegistrationAuthenticationContext> tollgateRules = context -> rules
                .check(context.<OidcClientRegistrationAuthenticationToken>getAuthentication().getClientRegistration());
        registration.setAuthenticationValidator(
                OidcClientRegistrationAuthenticationValidator.DEFAULT_JWK_SET_URI_VALIDATOR.andThen(tollgateRules));
        registration.setRegisteredClientConverter(
                new RegisteredClientDefaults<>(new OidcClientRegistrationRegisteredClientConverter(), tokenPolicy));
        registration.setClientRegistrationConverter(ClientMetadataResponses::registeredAtOidcEndpoint);
        registration.setPasswordEncoder(TollgatePasswordEncoder.forGeneratedSecrets());
        return registration;
    }

    private AuthenticationProvider oidcConfiguration() {
        OidcClientConfigurationAuthenticationProvider configuration =
                new OidcClientConfigurationAuthenticationProvider(clients, authorizations);
        configuration.setClientRegistrationConverter(ClientMetadataResponses::configuration);
        return configuration;
    }

    private AuthenticationProvider oauthRegistration() {
        OAuth2ClientRegistrationAuthenticationProvider registration =
                new OAuth2ClientRegistrationAuthenticationProvider(clients, authorizations);
        Consumer<OAuth2ClientRegistrationAuthenticationContext> tollgateRules = context -> rules
                .check(context.<OAuth2ClientRegistrationAuthenticationToken>getAuthentication().getClientRegistration());
        registration.setAuthenticationValidator(
                OAuth2ClientRegistrationAuthenticationValidator.DEFAULT_JWK_SET_URI_VALIDATOR.andThen(tollgateRules));
        registration.setRegisteredClientConverter(
                new RegisteredClientDefaults<>(new OAuth2ClientRegistrationRegisteredClientConverter(), tokenPolicy));
        registration.setClientRegistrationConverter(ClientMetadataResponses::registeredAtOAuthEndpoint);
        registration.setPasswordEncoder(TollgatePasswordEncoder.forGeneratedSecrets());
        return registration;
    }
}
