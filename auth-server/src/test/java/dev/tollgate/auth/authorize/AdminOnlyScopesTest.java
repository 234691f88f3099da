package dev.tollgate.auth.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

class AdminOnlyScopesTest {

    private final RegisteredClient webApp = client("openid", "books.read", "books.write", "users.read");

    @Test
    void aUserWithoutAdminLosesTheAdminScopesTheClientMayAskFor() {
        assertThat(AdminOnlyScopes.grantable(Set.of("openid", "books.read", "books.write", "users.read"),
                user("ROLE_USER"), webApp)).containsExactlyInAnyOrder("openid", "books.read");
    }

    @Test
    void anAdminKeepsEveryRequestedScope() {
        assertThat(AdminOnlyScopes.grantable(Set.of("books.write", "users.read"), user("ROLE_ADMIN", "ROLE_USER"),
                webApp)).containsExactlyInAnyOrder("books.write", "users.read");
    }

    @Test
    void anAdminScopeTheClientHasNotRegisteredStaysSoThatItIsRefused() {
        RegisteredClient cli = client("openid", "books.read");
        assertThat(AdminOnlyScopes.grantable(Set.of("openid", "books.write"), user("ROLE_USER"), cli))
                .containsExactlyInAnyOrder("openid", "books.write");
    }

    private static Authentication user(String... authorities) {
        return UsernamePasswordAuthenticationToken.authenticated("id", null,
                AuthorityUtils.createAuthorityList(authorities));
    }

    private static RegisteredClient client(String... scopes) {
        return RegisteredClient.withId("c").clientId("c")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://localhost/cb")
                .scopes(registered -> registered.addAll(Set.of(scopes)))
                .build();
    }
}
