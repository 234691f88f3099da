package dev.tollgate.auth.demo;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.authorize.AdminOnlyScopes;
import dev.tollgate.auth.client.TollgateClientSettings;
import dev.tollgate.auth.registration.DynamicClientRegistration;
import dev.tollgate.auth.secret.SecretDigest;
import dev.tollgate.auth.signals.SignalsEndpoints;
import dev.tollgate.auth.token.TokenPolicy;
import dev.tollgate.auth.user.Roles;

/**
 * The demo users and clients of the README ("Demo data"), written on every start of the {@code demo} profile (upserts
 * by username and client id: restarting never duplicates, and edits to this file reach an existing database). It runs
 * before the web server accepts requests.
 */
@Component
@Profile("demo")
class DemoData implements SmartInitializingSingleton {

    private static final String BOOKS_READ = "books.read";
    private static final String BOOKS_WRITE = "books.write";
    private static final String USERS_READ = "users.read";

    private final DemoSeed seed;
    private final TokenPolicy tokenPolicy;
    private final DemoProperties demo;

    DemoData(DemoSeed seed, TokenPolicy tokenPolicy, DemoProperties demo) {
        this.seed = seed;
        this.tokenPolicy = tokenPolicy;
        this.demo = demo;
    }

    @Override
    public void afterSingletonsInstantiated() {
        upsertUser("admin", "admin@example.com", "Ada Admin", Roles.ADMIN, Roles.USER);
        upsertUser("alice", "alice@example.com", "Alice Example", Roles.USER);
        upsertClients();
    }

    private void upsertUser(String username, String email, String displayName, String... roles) {
        seed.upsertUser(username, DemoCredentials.passwordOf(username), email, displayName, roles);
    }

    private void upsertClients() {
        upsert("demo-web", "Tollgate Demo App", client -> client
                .clientSecret(demoSecret("demo-web"))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(demo.webRedirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(demo.webPostLogoutRedirectUris()))
                .scopes(scopes -> scopes.addAll(Set.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL,
                        BOOKS_READ, BOOKS_WRITE, USERS_READ)))
                .clientSettings(ClientSettings.withSettings(userFacing().getSettings())
                        .setting(TollgateClientSettings.BACKCHANNEL_LOGOUT_URI, demo.webBackChannelLogoutUri())
                        .setting(TollgateClientSettings.BACKCHANNEL_LOGOUT_SESSION_REQUIRED, true)
                        .build())
                .tokenSettings(tokenPolicy.tokenSettings(OAuth2TokenFormat.SELF_CONTAINED)));
        // RFC 8252 §7.3: any port is accepted for a loopback IP redirect URI
        // also a device (RFC 8628): a terminal without a browser of its own signs in on another screen
        upsert("demo-cli", "Tollgate Demo CLI", publicClient(List.of("http://127.0.0.1/callback"),
                Set.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL, BOOKS_READ))
                .andThen(client -> client.authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)));
        upsert("api-docs", "Books API documentation (Swagger UI)", publicClient(demo.apiDocsRedirectUris(),
                Set.of(OidcScopes.OPENID, BOOKS_READ, BOOKS_WRITE, USERS_READ)));
        upsert("demo-service", "Tollgate Demo Service",
                service("demo-service", OAuth2TokenFormat.SELF_CONTAINED, BOOKS_READ, BOOKS_WRITE));
        upsert("demo-service-opaque", "Tollgate Demo Service (opaque tokens)",
                service("demo-service-opaque", OAuth2TokenFormat.REFERENCE, BOOKS_READ, BOOKS_WRITE));
        // registers clients at /connect/register and /oauth2/register; its token must be a JWT with this scope only
        upsert("demo-registrar", "Tollgate Demo Registrar", service("demo-registrar", OAuth2TokenFormat.SELF_CONTAINED,
                DynamicClientRegistration.CLIENT_CREATE_SCOPE));
        // automation on the admin API and SCIM, as a service account would do it
        upsert("demo-admin", "Tollgate Demo Admin Automation", service("demo-admin", OAuth2TokenFormat.SELF_CONTAINED,
                AdminOnlyScopes.TOLLGATE_ADMIN));
        // a gateway in front of the API: exchanges a user's token for one naming it as the actor (RFC 8693)
        upsert("demo-gateway", "Tollgate Demo Gateway",
                service("demo-gateway", OAuth2TokenFormat.SELF_CONTAINED, BOOKS_READ)
                        .andThen(client -> client.authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)));
        // the API's own Shared Signals stream (README "Shared Signals"): it hears of revocations as they happen
        upsert("resource-server-signals", "Tollgate Books API (Shared Signals)",
                service("resource-server-signals", OAuth2TokenFormat.SELF_CONTAINED, SignalsEndpoints.MANAGE_SCOPE));
        upsert("resource-server", "Tollgate Books API", client -> client
                .clientSecret(demoSecret("resource-server"))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(TollgateClientSettings.INTROSPECTION_ONLY)
                .clientSettings(ClientSettings.builder()
                        .setting(TollgateClientSettings.INTROSPECTION_ALLOWED, true)
                        .build())
                .tokenSettings(tokenPolicy.tokenSettings(OAuth2TokenFormat.SELF_CONTAINED)));
    }

    /** A client that keeps no secret, such as a command-line tool or code in a browser: PKCE and consent. */
    private Consumer<RegisteredClient.Builder> publicClient(List<String> redirectUris, Set<String> scopes) {
        return client -> client
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(redirectUris))
                .scopes(registered -> registered.addAll(scopes))
                .clientSettings(userFacing())
                .tokenSettings(tokenPolicy.tokenSettings(OAuth2TokenFormat.SELF_CONTAINED));
    }

    private Consumer<RegisteredClient.Builder> service(String clientId, OAuth2TokenFormat tokenFormat,
            String... scopes) {
        return client -> client
                .clientSecret(demoSecret(clientId))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(registered -> registered.addAll(List.of(scopes)))
                .tokenSettings(tokenPolicy.tokenSettings(tokenFormat));
    }

    private static String demoSecret(String clientId) {
        return SecretDigest.stored(DemoCredentials.secretOf(clientId));
    }

    private static ClientSettings userFacing() {
        return ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build();
    }

    private void upsert(String clientId, String clientName, Consumer<RegisteredClient.Builder> registration) {
        seed.upsertClient(clientId, clientName, registration);
    }
}
