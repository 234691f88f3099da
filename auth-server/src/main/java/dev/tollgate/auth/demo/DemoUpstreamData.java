package dev.tollgate.auth.demo;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.secret.SecretDigest;
import dev.tollgate.auth.token.TokenPolicy;
import dev.tollgate.auth.user.Roles;

/**
 * The {@code demo-upstream} profile turns this auth server into the demo's upstream identity provider: its users
 * are other people than the main Tollgate's (carol is new there; this alice has the same verified email as the main
 * Tollgate's alice, so linking asks for that alice's password), and its one client is the main Tollgate.
 */
@Component
@Profile("demo-upstream")
class DemoUpstreamData implements SmartInitializingSingleton {

    private final DemoSeed seed;
    private final TokenPolicy tokenPolicy;
    private final DemoUpstreamProperties properties;

    DemoUpstreamData(DemoSeed seed, TokenPolicy tokenPolicy, DemoUpstreamProperties properties) {
        this.seed = seed;
        this.tokenPolicy = tokenPolicy;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        seed.upsertUser("carol", "carol-password", "carol@example.com", "Carol Upstream", Roles.USER);
        seed.upsertUser("alice", "alice-upstream-password", "alice@example.com", "Alice Upstream", Roles.USER);
        seed.upsertClient("tollgate", "Tollgate", client -> client
                .clientSecret(SecretDigest.stored("tollgate-upstream-secret"))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(properties.redirectUris()))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(OidcScopes.EMAIL)
                .clientSettings(ClientSettings.builder().requireProofKey(true).build())
                .tokenSettings(tokenPolicy.tokenSettings(OAuth2TokenFormat.SELF_CONTAINED)));
    }
}
