package dev.tollgate.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void twelveCharactersAreEnoughAndElevenAreNot() {
        assertThat(policy.refusal("plum-tractor", "alice")).isEmpty();
        assertThat(policy.refusal("plum-tracto", "alice")).hasValue("Use at least 12 characters.");
    }

    @Test
    void upTo72BytesAreAcceptedBecauseBcryptReadsNoFurther() {
        assertThat(policy.refusal("a".repeat(36) + "b".repeat(36), "alice")).isEmpty();
        assertThat(policy.refusal("a".repeat(36) + "b".repeat(37), "alice").orElseThrow()).contains("at most 72 bytes");
    }

    @Test
    void theUpperLimitCountsUtf8BytesNotCharacters() {
        assertThat(policy.refusal("\u20AC".repeat(24), "alice")).as("24 characters of 3 bytes").isEmpty();
        assertThat(policy.refusal("\u20AC".repeat(30), "alice").orElseThrow()).as("30 characters, 90 bytes")
                .contains("at most 72 bytes");
        assertThat(policy.refusal("\uD83D\uDD11".repeat(19), "alice")).as("19 emoji, 76 bytes").isPresent();
    }

    @Test
    void charactersAreCountedAsPeopleSeeThemNotAsJavaChars() {
        assertThat(policy.refusal("\uD83D\uDD11".repeat(12), "alice")).as("12 emoji, 24 chars").isEmpty();
        assertThat(policy.refusal("\uD83D\uDD11".repeat(11), "alice")).isPresent();
    }

    @Test
    void commonBreachedPasswordsAreRefusedWhateverTheirCase() {
        for (String common : new String[] {"passwordpassword", "Password1234", "QWERTYUIOP123", "iloveyou2024",
                "1q2w3e4r5t6y", "123456789012", "correcthorsebatterystaple", "p@$$w0rdp@$$w0rd"}) {
            assertThat(policy.refusal(common, "alice")).as(common)
                    .hasValue("This password is one of the most common ones; choose another.");
            assertThat(policy.check(common).isCompromised()).isTrue();
        }
    }

    @Test
    void thereAreNoCompositionRules() {
        assertThat(policy.refusal("all lower case words", "alice")).isEmpty();
        assertThat(policy.refusal("918273645546372819", "alice")).isEmpty();
    }

    @Test
    void theUsernameIsNotAPassword() {
        assertThat(policy.refusal("Alice.Example.Org", "alice.example.org"))
                .hasValue("Do not use your username as your password.");
    }

    @Test
    void aRefusalNamesTheRuleButNeverThePassword() {
        assertThatThrownBy(() -> policy.requireAcceptable("short-pw", "alice"))
                .isInstanceOf(UnacceptablePasswordException.class)
                .hasMessage("Use at least 12 characters.");
    }
}
