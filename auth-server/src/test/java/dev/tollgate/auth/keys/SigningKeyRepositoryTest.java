package dev.tollgate.auth.keys;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import dev.tollgate.auth.support.AuthServerTest;

@AuthServerTest
class SigningKeyRepositoryTest {

    @Autowired
    SigningKeyRepository keys;

    @Test
    void aSecondActiveKeyIsRefusedSoThatInstancesStartingTogetherShareOne() throws Exception {
        var competingKey = new RSAKeyGenerator(2048).keyID("competitor").algorithm(JWSAlgorithm.RS256).generate();
        assertThatThrownBy(() -> keys.insertActive(competingKey.getKeyID(), "RS256",
                competingKey.toPublicJWK().toJSONString(), "v1:irrelevant", Instant.now()))
                .isInstanceOf(DuplicateKeyException.class);
    }
}
