package dev.tollgate.auth.keys;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/** Signs JWTs with the active key only (the JWKS also lists retired keys), and rotates keys on schedule. */
@Configuration(proxyBeanMethods = false)
class SigningKeyConfig {

    @Bean
    JwtEncoder jwtEncoder(SigningKeys signingKeys) {
        return new NimbusJwtEncoder(signingKeys.activeKeySource());
    }

    /**
     * Every {@code tollgate.keys.check-interval}, on one instance at a time: rotate a key that is due, drop retired
     * keys no longer needed.
     */
    @Component
    static class SigningKeyMaintenance {

        private final SigningKeyRotation rotation;

        SigningKeyMaintenance(SigningKeyRotation rotation) {
            this.rotation = rotation;
        }

        @Scheduled(fixedDelayString = KeyProperties.CHECK_INTERVAL, initialDelayString = KeyProperties.CHECK_INTERVAL)
        @SchedulerLock(name = "signing-key-maintenance")
        void maintain() {
            rotation.rotateIfDue();
            rotation.removeExpired();
        }
    }
}
