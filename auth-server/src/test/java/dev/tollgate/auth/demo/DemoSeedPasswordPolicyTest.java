package dev.tollgate.auth.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.tollgate.auth.password.UnacceptablePasswordException;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.user.UserRepository;

/** The seed that writes the demo's users goes through the same password policy as a person's own password. */
@AuthServerTest
class DemoSeedPasswordPolicyTest {

    @Autowired
    DemoSeed seed;

    @Autowired
    UserRepository users;

    @Test
    void aSeededUserWithAWeakPasswordIsRefusedAndNotWritten() {
        assertThatThrownBy(() -> seed.upsertUser("seeded-weakling", "password1", null, "Weakling", "USER"))
                .isInstanceOf(UnacceptablePasswordException.class)
                .hasMessage("Use at least 12 characters.");
        assertThatThrownBy(() -> seed.upsertUser("seeded-long", "\u20AC".repeat(30), null, "Long", "USER"))
                .isInstanceOf(UnacceptablePasswordException.class);
        assertThat(users.findByUsername("seeded-weakling")).isEmpty();
        assertThat(users.findByUsername("seeded-long")).isEmpty();
    }
}
