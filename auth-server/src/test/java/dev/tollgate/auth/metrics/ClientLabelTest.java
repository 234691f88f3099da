package dev.tollgate.auth.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import dev.tollgate.auth.client.TollgateClientSettings;

/** What {@code tollgate.metrics.client-label} lets the metrics call an authenticated client. */
class ClientLabelTest {

    private static final RegisteredClient BUILT_IN = client("demo-service", true);

    private static final RegisteredClient REGISTERED = client("a1b2c3", false);

    @AfterEach
    void forgetTheClient() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void byDefaultOnlyBuiltInClientsAreNamed() throws Exception {
        assertThat(label(List.of("built-in"), BUILT_IN)).isEqualTo("demo-service");
        assertThat(label(List.of("built-in"), REGISTERED)).isEqualTo("other");
    }

    @Test
    void noneNamesNoClient() throws Exception {
        assertThat(label(List.of("none"), BUILT_IN)).isEqualTo("other");
        assertThat(label(List.of("none"), REGISTERED)).isEqualTo("other");
    }

    @Test
    void listedClientsAreNamedWithOrWithoutTheBuiltInOnes() throws Exception {
        assertThat(label(List.of("a1b2c3"), REGISTERED)).isEqualTo("a1b2c3");
        assertThat(label(List.of("a1b2c3"), BUILT_IN)).isEqualTo("other");
        assertThat(label(List.of("built-in", "a1b2c3"), BUILT_IN)).isEqualTo("demo-service");
        assertThat(label(List.of("built-in", "a1b2c3"), REGISTERED)).isEqualTo("a1b2c3");
    }

    @Test
    void aCallerThatDidNotAuthenticateIsNone() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
        new AuthenticatedClient(new ClientLabelProperties(List.of("built-in")))
                .doFilter(request, new MockHttpServletResponse(), new MockFilterChain());

        assertThat(AuthenticatedClient.of(request)).isEqualTo("none");
    }

    private static String label(List<String> setting, RegisteredClient client) throws Exception {
        SecurityContextHolder.getContext().setAuthentication(new OAuth2ClientAuthenticationToken(client,
                ClientAuthenticationMethod.CLIENT_SECRET_BASIC, "secret"));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
        new AuthenticatedClient(new ClientLabelProperties(setting))
                .doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        return AuthenticatedClient.of(request);
    }

    private static RegisteredClient client(String clientId, boolean builtIn) {
        return RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientSecret("{noop}secret")
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientSettings(ClientSettings.builder().setting(TollgateClientSettings.BUILT_IN, builtIn).build())
                .build();
    }
}
