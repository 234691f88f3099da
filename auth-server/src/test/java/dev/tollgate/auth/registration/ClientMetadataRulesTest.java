package dev.tollgate.auth.registration;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;

class ClientMetadataRulesTest {

    private static final OAuth2ClientRegistration SERVICE_THAT_WRITES = OAuth2ClientRegistration.builder()
            .grantType("client_credentials")
            .scopes(scopes -> scopes.addAll(List.of("books.read", "books.write")))
            .build();

    @Test
    void aServiceWithBooksWriteIsRefusedByDefault() {
        assertThatThrownBy(() -> ClientMetadataRules.forRegistrar(false).check(SERVICE_THAT_WRITES))
                .isInstanceOf(OAuth2AuthenticationException.class)
                .hasMessageContaining("books.write");
    }

    @Test
    void anOperatorMayAllowServicesToWriteBooks() {
        assertThatCode(() -> ClientMetadataRules.forRegistrar(true).check(SERVICE_THAT_WRITES)).doesNotThrowAnyException();
    }
}
