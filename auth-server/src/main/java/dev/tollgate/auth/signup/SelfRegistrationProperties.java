package dev.tollgate.auth.signup;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.registration.enabled}: whether people may create their own account at {@code /register} (README
 * "Sign-up"). Off by default; the demo profile turns it on. (The same prefix holds the settings of dynamic client
 * registration, {@code AuthServerProperties.Registration}.)
 */
@ConfigurationProperties("tollgate.registration")
public record SelfRegistrationProperties(@DefaultValue("false") boolean enabled) {
}
