package dev.tollgate.auth.passkey;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

/** Passkeys put straight into the store, as a registration would, for tests that need no browser. */
record StoredPasskeys(PasskeyUsers passkeyUsers, UserCredentialRepository credentials) {

    // the page lists passkeys oldest first: two added within one millisecond would come in a random order
    private static final AtomicLong LAST_CREATED = new AtomicLong();

    CredentialRecord add(UUID userId, String name) {
        long millis = LAST_CREATED.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
        Instant now = Instant.ofEpochMilli(millis);
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
