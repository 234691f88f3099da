package dev.tollgate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;

import dev.tollgate.auth.federation.FederationProperties;
import dev.tollgate.auth.federation.UpstreamProvider;
import dev.tollgate.auth.keys.KeyProperties;
import dev.tollgate.auth.ratelimit.RateLimitProperties;
import dev.tollgate.testsupport.StartingEnvironment;

class EnvironmentVariablesTest {

    @Test
    void aPublishedVariableSetsItsPropertyAndEveryOtherKeepsItsDefault() {
        Binder binder = binder(Map.of("AUTH_ISSUER", "https://login.example.com", "ACCESS_TOKEN_TTL", "123s",
                "RATE_LIMIT_PER_CLIENT", "7", "TOLLGATE_KEY_ENCRYPTION_SECRET", "a-secret"), Map.of());

        AuthServerProperties properties = binder.bindOrCreate("tollgate", AuthServerProperties.class);
        assertThat(properties.issuer()).isEqualTo("https://login.example.com");
        assertThat(properties.token().accessTokenTtl()).isEqualTo(Duration.ofSeconds(123));
        assertThat(properties.token().refreshTokenIdleTimeout()).isEqualTo(Duration.ofHours(8));
        assertThat(binder.bindOrCreate("tollgate.rate-limit", RateLimitProperties.class).perClient()).isEqualTo(7);
        assertThat(binder.bindOrCreate("tollgate.rate-limit", RateLimitProperties.class).perAddress()).isEqualTo(600);
        assertThat(binder.bindOrCreate("tollgate.keys", KeyProperties.class).encryptionSecret()).isEqualTo("a-secret");
    }

    @Test
    void theSocialLoginPresetsAreSwitchedOnByTheirVariables() {
        Binder nothingSet = binder(Map.of(), Map.of());
        assertThat(nothingSet.bindOrCreate("tollgate.federation", FederationProperties.class).enabledProviders())
                .isEmpty();

        Binder binder = binder(Map.of("GOOGLE_CLIENT_ID", "google-client", "OIDC_CLIENT_ID", "sso-client",
                "OIDC_ISSUER_URI", "https://sso.example.com"), Map.of());
        List<UpstreamProvider> providers = binder.bindOrCreate("tollgate.federation", FederationProperties.class)
                .enabledProviders();
        assertThat(providers).extracting(UpstreamProvider::id).containsExactly("google", "oidc");
        assertThat(providers).extracting(UpstreamProvider::name).containsExactly("Google", "Single sign-on");
        assertThat(providers.get(1).issuerUri()).isEqualTo("https://sso.example.com");
    }

    @Test
    void theFullPropertyNameAsASystemPropertyStillWins() {
        Binder binder = binder(Map.of("AUTH_ISSUER", "https://login.example.com"),
                Map.of("tollgate.issuer", "https://other.example.com"));

        assertThat(binder.bindOrCreate("tollgate", AuthServerProperties.class).issuer())
                .isEqualTo("https://other.example.com");
    }

    @Test
    void springBootAppliesItAtEveryStartBeforeTheStartUpChecksReadTheSettings() {
        List<EnvironmentPostProcessor> processors = StartingEnvironment.registeredPostProcessors();
        assertThat(processors).hasAtLeastOneElementOfType(EnvironmentVariables.class);
        // SafeConfiguration and NativeCryptoAtStartup run last
        assertThat(new EnvironmentVariables().getOrder()).isLessThan(Ordered.LOWEST_PRECEDENCE);
    }

    private static Binder binder(Map<String, Object> variables, Map<String, Object> systemProperties) {
        return StartingEnvironment.after(new EnvironmentVariables(), variables, systemProperties);
    }
}
