package dev.tollgate.auth.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.auth.user.TollgateUser;

/**
 * The passkey store: Spring Security's {@code JdbcUserCredentialRepository} on the V54 schema, the user handles keyed
 * by the user's id, and the owner-bound rename and removal.
 */
@AuthServerTest
class PasskeyStoreTest extends PasskeyTest {

    private TollgateUser owner;

    private StoredPasskeys stored;

    @BeforeEach
    void aUser() {
        owner = newUser("olga");
        stored = stored();
    }

    @Test
    void aPasskeyReadsBackAsItWasStoredAndAnUpdateKeepsOneRow() {
        CredentialRecord saved = stored.add(owner.id(), "Olga's key");

        CredentialRecord read = credentials.findByCredentialId(saved.getCredentialId());
        assertThat(read).usingRecursiveComparison().isEqualTo(saved);
        assertThat(read.getTransports()).containsExactlyInAnyOrder(AuthenticatorTransport.INTERNAL,
                AuthenticatorTransport.HYBRID);

        credentials.save(ImmutableCredentialRecord.fromCredentialRecord(saved).signatureCount(7).build());
        assertThat(credentials.findByUserId(saved.getUserEntityUserId())).singleElement()
                .satisfies(record -> assertThat(record.getSignatureCount()).isEqualTo(7));
        assertThat(passkeys.of(owner.id())).singleElement().satisfies(passkey -> {
            assertThat(passkey.id()).isEqualTo(saved.getCredentialId().toBase64UrlString());
            assertThat(passkey.name()).isEqualTo("Olga's key");
            assertThat(passkey.created()).isEqualTo(saved.getCreated());
        });
    }

    @Test
    void theUserHandleBelongsToTheUsersIdSoARenamedUserKeepsTheirPasskeys() {
        CredentialRecord saved = stored.add(owner.id(), "laptop");
        PublicKeyCredentialUserEntity before = passkeyUsers.findByUsername(owner.id().toString());
        assertThat(before.getName()).as("what the browser shows").isEqualTo(owner.username());
        assertThat(passkeyUsers.findByUsername(owner.username())).as("a username is not an id").isNull();

        jdbc.sql("UPDATE users SET username = ? WHERE id = ?").param("renamed-" + owner.username())
                .param(owner.id()).update();

        PublicKeyCredentialUserEntity after = passkeyUsers.findByUsername(owner.id().toString());
        assertThat(after.getId()).isEqualTo(before.getId());
        assertThat(after.getName()).isEqualTo("renamed-" + owner.username());
        assertThat(passkeyUsers.userIdOf(saved.getUserEntityUserId())).contains(owner.id());
        assertThat(passkeyUsers.findById(saved.getUserEntityUserId()).getName())
                .isEqualTo("renamed-" + owner.username());
    }

    @Test
    void parallelFirstRequestsOfOneUserAgreeOnOneHandle() {
        List<Callable<Bytes>> firstRequests = Collections.nCopies(8,
                () -> passkeyUsers.findByUsername(owner.id().toString()).getId());

        List<Bytes> handles = Concurrently.run(firstRequests);

        assertThat(handles).containsOnly(handles.get(0));
        assertThat(jdbc.sql("SELECT count(*) FROM passkey_user_handles WHERE user_id = ?").param(owner.id())
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void nobodyRenamesOrRemovesSomeoneElsesPasskey() {
        TollgateUser other = newUser("mallory");
        stored.add(other.id(), "mallory's own");
        String olgas = stored.add(owner.id(), "phone").getCredentialId().toBase64UrlString();

        assertThat(passkeys.rename(other.id(), olgas, "mine now")).isFalse();
        assertThat(passkeys.remove(other.id(), olgas)).isEmpty();
        assertThat(passkeys.of(owner.id())).extracting(Passkeys.Passkey::name).containsExactly("phone");

        assertThat(passkeys.rename(owner.id(), olgas, "old phone")).isTrue();
        assertThat(passkeys.of(owner.id())).extracting(Passkeys.Passkey::name).containsExactly("old phone");
        assertThat(passkeys.remove(owner.id(), olgas)).isPresent();
        assertThat(passkeys.of(owner.id())).isEmpty();
        assertThat(passkeys.of(other.id())).hasSize(1);
    }

    @Test
    void deletingAUserDeletesTheirPasskeys() {
        CredentialRecord saved = stored.add(owner.id(), "laptop");

        jdbc.sql("DELETE FROM users WHERE id = ?").param(owner.id()).update();

        assertThat(credentials.findByCredentialId(saved.getCredentialId())).isNull();
        assertThat(passkeyUsers.userIdOf(saved.getUserEntityUserId())).isEmpty();
        assertThat(passkeyUsers.findByUsername(owner.id().toString())).as("no handle for a deleted user").isNull();
    }
}
