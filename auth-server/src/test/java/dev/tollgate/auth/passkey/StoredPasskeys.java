package dev.tollgate.auth.passkey;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

/** Passkeys put straight into the store, as a registration would, for tests that need no browser. */
record StoredPasskeys(PasskeyUsers passkeyUsers, UserCredentialRepository credentials) {

    CredentialRecord add(UUID userId, String name) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CredentialRecord record = ImmutableCredentialRecord.builder()
                .credentialId(Bytes.random())
                .userEntityUserId(passkeyUsers.findByUsername(userId.toString()).getId())
                .publicKey(new ImmutablePublicKeyCose(Bytes.random().getBytes()))
                .signatureCount(0)
                .uvInitialized(true)
                .backupEligible(true)
                .backupState(false)
                .credentialType(PublicKeyCredentialType.PUBLIC_KEY)
                .transports(Set.of(AuthenticatorTransport.INTERNAL, AuthenticatorTransport.HYBRID))
                .attestationObject(Bytes.random())
                .attestationClientDataJSON(Bytes.random())
                .created(now)
                .lastUsed(now)
                .label(name)
                .build();
        credentials.save(record);
        return record;
    }
}
