package dev.tollgate.auth.passkey;

import java.net.URI;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;

/**
 * Tollgate as a WebAuthn relying party (WebAuthn Level 2, 5.4 and 5.5): its id is the issuer's host and the only
 * origin it accepts is the issuer's, so a passkey works on the one address users know Tollgate by. Passkeys are
 * discoverable (sign-in needs no username) and every ceremony requires user verification (a PIN or biometric on the
 * authenticator), which is why a passkey counts as two factors.
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfig {

    static final String RELYING_PARTY_NAME = "Tollgate";

    /** Passkeys only (discoverable credentials), and always with user verification. */
    static final AuthenticatorSelectionCriteria AUTHENTICATOR_SELECTION = AuthenticatorSelectionCriteria.builder()
            .residentKey(ResidentKeyRequirement.REQUIRED)
            .userVerification(UserVerificationRequirement.REQUIRED)
            .build();

    @Bean
    UserCredentialRepository userCredentials(JdbcOperations jdbc) {
        return new JdbcUserCredentialRepository(jdbc);
    }

    @Bean
    WebAuthnRelyingPartyOperations relyingParty(PasskeyUsers passkeyUsers, UserCredentialRepository credentials,
            AuthorizationServerSettings settings) {
        URI issuer = URI.create(settings.getIssuer());
        Webauthn4JRelyingPartyOperations relyingParty = new Webauthn4JRelyingPartyOperations(passkeyUsers,
                credentials, PublicKeyCredentialRpEntity.builder().id(issuer.getHost()).name(RELYING_PARTY_NAME).build(),
                Set.of(originOf(issuer)));
        relyingParty.setCustomizeCreationOptions(options -> options.authenticatorSelection(AUTHENTICATOR_SELECTION));
        relyingParty.setCustomizeRequestOptions(options -> options.userVerification(UserVerificationRequirement.REQUIRED));
        return relyingParty;
    }

    /** The issuer's origin (RFC 6454): scheme, host and port, without a path. */
    static String originOf(URI issuer) {
        return issuer.getScheme() + "://" + issuer.getHost() + (issuer.getPort() == -1 ? "" : ":" + issuer.getPort());
    }
}
