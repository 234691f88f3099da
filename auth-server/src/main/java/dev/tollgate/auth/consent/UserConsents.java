package dev.tollgate.auth.consent;

import java.util.List;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.stereotype.Repository;

/** The consents a user has given, one per client; Spring Authorization Server's consent service finds them one by one. */
@Repository
public class UserConsents {

    private final JdbcClient jdbc;

    private final OAuth2AuthorizationConsentService consents;

    UserConsents(JdbcClient jdbc, OAuth2AuthorizationConsentService consents) {
        this.jdbc = jdbc;
        this.consents = consents;
    }

    /** @param principalName the user's id, the principal name of their consents */
    public List<OAuth2AuthorizationConsent> of(String principalName) {
        return jdbc.sql("SELECT registered_client_id FROM oauth2_authorization_consent WHERE principal_name = ?")
                .param(principalName)
                .query(String.class)
                .list().stream()
                .map(registeredClientId -> consents.findById(registeredClientId, principalName))
                .filter(Objects::nonNull)
                .toList();
    }
}
