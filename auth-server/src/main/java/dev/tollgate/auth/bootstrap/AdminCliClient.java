package dev.tollgate.auth.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tollgate.auth.client.TollgateClientSettings;
import dev.tollgate.auth.authorize.AdminOnlyScopes;
import dev.tollgate.auth.token.TokenPolicy;

/**
 * The built-in public client {@value #CLIENT_ID}, in every profile, so that an operator gets a {@code tollgate.admin}
 * token from a terminal without registering anything first: authorization code with PKCE (S256) to
 * {@code http://127.0.0.1/callback} on any port (RFC 8252 §7.3) or the device grant (RFC 8628, for a terminal without
 * a browser; the device is confirmed on the consent page), scopes {@code openid tollgate.admin}, no consent
 * page (the operator is administering Tollgate itself), refresh tokens rotated as for every public client. Only a
 * user with role ADMIN gets {@code tollgate.admin} through it. Created at start-up when missing; an existing one,
 * perhaps changed by an operator, is left as it is.
 */
@Component
class AdminCliClient implements SmartInitializingSingleton {

    static final String CLIENT_ID = "tollgate-admin-cli";

    private static final Logger log = LoggerFactory.getLogger(AdminCliClient.class);

    private final RegisteredClientRepository clients;

    private final TokenPolicy tokenPolicy;

    private final StartupLock lock;

    private final TransactionTemplate transaction;

    AdminCliClient(RegisteredClientRepository clients, TokenPolicy tokenPolicy, StartupLock lock,
            TransactionTemplate transaction) {
        this.clients = clients;
        this.tokenPolicy = tokenPolicy;
        this.lock = lock;
        this.transaction = transaction;
    }

    @Override
    public void afterSingletonsInstantiated() {
        ensureRegistered();
    }

    /** True if this call registered the client, false if it was there already. */
    boolean ensureRegistered() {
        Boolean created = transaction.execute(status -> {
            lock.holdUntilCommit();
            if (clients.findByClientId(CLIENT_ID) != null) {
                return false;
            }
            clients.save(definition());
            return true;
        });
        if (Boolean.TRUE.equals(created)) {
            log.info("Registered the built-in client {}", CLIENT_ID);
        }
        return Boolean.TRUE.equals(created);
    }

    private RegisteredClient definition() {
        return RegisteredClient.withId(CLIENT_ID)
                .clientId(CLIENT_ID)
                .clientName("Tollgate admin CLI")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
                .redirectUri("http://127.0.0.1/callback")
                .scope(OidcScopes.OPENID)
                .scope(AdminOnlyScopes.TOLLGATE_ADMIN)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
                        .setting(TollgateClientSettings.BUILT_IN, true)
                        .build())
                .tokenSettings(tokenPolicy.tokenSettings(OAuth2TokenFormat.SELF_CONTAINED))
                .build();
    }
}
