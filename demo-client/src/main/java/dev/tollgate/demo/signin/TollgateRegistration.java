package dev.tollgate.demo.signin;

import java.util.Map;

import dev.tollgate.demo.DemoClientProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistration.ClientSettings;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;

/**
 * "Sign in with Tollgate": this app as client {@code demo-web} of Tollgate.
 * <p>
 * Every endpoint is derived from the issuer rather than discovered, so the app starts while Tollgate is
 * down; the issuer is still set so that ID tokens are checked against it.
 */
@Configuration(proxyBeanMethods = false)
public class TollgateRegistration {

    public static final String ID = "tollgate";

    public static final String SCOPES = "openid profile email books.read books.write users.read";

    @Bean
    ClientRegistrationRepository clientRegistrationRepository(DemoClientProperties tollgate) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(ID)
                .clientName("Tollgate")
                .clientId(tollgate.demo().clientId())
                .clientSecret(tollgate.demo().clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope(SCOPES.split(" "))
                // PKCE although the client is confidential: OAuth 2.1 asks it of every client.
                .clientSettings(ClientSettings.builder().requireProofKey(true).build())
                .issuerUri(tollgate.issuer())
                .authorizationUri(tollgate.endpoint("/oauth2/authorize"))
                .tokenUri(tollgate.endpoint("/oauth2/token"))
                .jwkSetUri(tollgate.endpoint("/oauth2/jwks"))
                .userInfoUri(tollgate.endpoint("/userinfo"))
                // sub, not preferred_username: it is always present and never changes.
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .providerConfigurationMetadata(Map.of("end_session_endpoint", tollgate.endpoint("/connect/logout")))
                .build();
        return new InMemoryClientRegistrationRepository(registration);
    }
}
