package dev.tollgate.auth.keys;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import dev.tollgate.auth.keys.SigningKeyRepository.StoredKey;

/**
 * The published keys as read at {@code loadedAt}: the active key with its private half (decrypted, for signing)
 * and the retired keys with their public halves only.
 */
record PublishedKeys(JWKSet all, JWK active, Instant loadedAt) {

    /** From the rows of {@link SigningKeyRepository#findPublished}; there must be an active key among them. */
    static PublishedKeys of(List<StoredKey> rows, KeyEncryption encryption, Instant loadedAt) {
        List<JWK> published = new ArrayList<>();
        JWK active = null;
        for (StoredKey key : rows) {
            if (key.active()) {
                active = parse(encryption.decrypt(key.privateJwk(), key.kid()));
                published.add(active);
            }
            else {
                published.add(parse(key.publicJwk()));
            }
        }
        if (active == null) {
            throw new IllegalStateException("no active signing key in table signing_key");
        }
        return new PublishedKeys(new JWKSet(published), active, loadedAt);
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        }
        catch (ParseException corrupt) {
            throw new IllegalStateException("unreadable signing key in table signing_key", corrupt);
        }
    }
}
