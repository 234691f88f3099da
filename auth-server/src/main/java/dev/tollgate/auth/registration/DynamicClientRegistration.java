package dev.tollgate.auth.registration;

import java.util.List;
import java.util.function.Consumer;

import jakarta.servlet.Filter;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
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
 * Dynamic client registration: OpenID Connect at {@code /connect/register} (with RFC 7592 read, update and delete
 * through the returned registration access token, {@link ClientConfigurationChanges}) and RFC 7591 at
 * {@code /oauth2/register}. Spring Authorization
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

    private final RegisteredClients registeredClients;

    public DynamicClientRegistration(RegisteredClientRepository clients, OAuth2AuthorizationService authorizations,
            OAuth2TokenGenerator<?> tokenGenerator, TokenPolicy tokenPolicy, AuthServerProperties properties,
            TransactionOperations transactions, RegisteredClients registeredClients) {
        this.clients = clients;
        this.authorizations = new ScopeClaimAsList(authorizations);
        this.tokenGenerator = tokenGenerator;
        this.tokenPolicy = tokenPolicy;
        this.rules = ClientMetadataRules.forRegistrar(properties.registration().allowAdminScopesForServices());
        this.transactions = transactions;
        this.registeredClients = registeredClients;
    }

    /** Both registration endpoints: API endpoints, so a request without a token gets 401, never the login page. */
    public static RequestMatcher endpoints(AuthorizationServerSettings settings) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(paths.matcher(settings.getOidcClientRegistrationEndpoint()),
                paths.matcher(settings.getClientRegistrationEndpoint()));
    }

    /**
     * RFC 7592 update and delete on the OpenID Connect registration endpoint, and what is not a registration on the
     * RFC 7591 one, which Spring Authorization Server's chain does not match: add them to it, without CSRF protection
     * (a bearer token, no cookie).
     */
    public static RequestMatcher configurationChanges(AuthorizationServerSettings settings) {
        return ClientConfigurationChanges.matcher(settings);
    }

    /** Answers {@link #configurationChanges}; for the protocol chain, after its authorization filter. */
    public Filter configurationChangesFilter(AuthorizationServerSettings settings) {
        return new ClientConfigurationChanges(settings, registeredClients, authorizations);
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
                new RegisteredClientDefaults<>(new OidcClientRegistrationRegisteredClientConverter(), tokenPolicy, true));
        registration.setClientRegistrationConverter(ClientMetadataResponses::registeredAtOidcEndpoint);
        registration.setPasswordEncoder(TollgatePasswordEncoder.forGeneratedSecrets());
        return registration;
    }

    private AuthenticationProvider oidcConfiguration() {
        OidcClientConfigurationAuthenticationProvider configuration =
                new OidcClientConfigurationAuthenticationProvider(clients, authorizations);
        configuration.setClientRegistrationConverter(ClientMetadataResponses::configuration);
        return new AuthenticationProvider() {

            // another client's registration access token, or a client that is gone: invalid_token (RFC 7592 §2), as
            // for an update or a delete, instead of Spring Authorization Server's invalid_client
            @Override
            public Authentication authenticate(Authentication authentication) {
                try {
                    return configuration.authenticate(authentication);
                }
                catch (OAuth2AuthenticationException refused) {
                    if (OAuth2ErrorCodes.INVALID_CLIENT.equals(refused.getError().getErrorCode())) {
                        throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN);
                    }
                    throw refused;
                }
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return configuration.supports(authentication);
            }
        };
    }

    private AuthenticationProvider oauthRegistration() {
        OAuth2ClientRegistrationAuthenticationProvider registration =
                new OAuth2ClientRegistrationAuthenticationProvider(clients, authorizations);
        Consumer<OAuth2ClientRegistrationAuthenticationContext> tollgateRules = context -> rules
                .check(context.<OAuth2ClientRegistrationAuthenticationToken>getAuthentication().getClientRegistration());
        registration.setAuthenticationValidator(
                OAuth2ClientRegistrationAuthenticationValidator.DEFAULT_JWK_SET_URI_VALIDATOR.andThen(tollgateRules));
        registration.setRegisteredClientConverter(
                new RegisteredClientDefaults<>(new OAuth2ClientRegistrationRegisteredClientConverter(), tokenPolicy, true));
        registration.setClientRegistrationConverter(ClientMetadataResponses::registeredAtOAuthEndpoint);
        registration.setPasswordEncoder(TollgatePasswordEncoder.forGeneratedSecrets());
        return registration;
    }
}
