package dev.tollgate.auth.consent;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.auth.authorization.TokenFamilies;

/**
 * Takes back what a user granted a client: the remembered consent goes, so the next authorization asks again, and
 * every token the client holds for the user is revoked, so the client stops acting for the user at once.
 */
@Service
public class ConsentWithdrawal {

    private final OAuth2AuthorizationConsentService consents;

    private final TokenFamilies tokens;

    public ConsentWithdrawal(OAuth2AuthorizationConsentService consents, TokenFamilies tokens) {
        this.consents = consents;
        this.tokens = tokens;
    }

    /** What was withdrawn: the scopes the consent held (empty if there was none) and how many grants were revoked. */
    public record Withdrawn(Set<String> scopes, int authorizations) {
    }

    /** @param principalName the user's id, the principal name of their consents and grants */
    @Transactional
    public Withdrawn withdraw(String principalName, RegisteredClient client) {
        OAuth2AuthorizationConsent consent = consents.findById(client.getId(), principalName);
        Set<String> scopes = new TreeSet<>();
        if (consent != null) {
            scopes.addAll(consent.getScopes());
            consents.remove(consent);
        }
        return new Withdrawn(scopes, tokens.revokeAllOfUserAndClient(principalName, client.getId()));
    }
}
