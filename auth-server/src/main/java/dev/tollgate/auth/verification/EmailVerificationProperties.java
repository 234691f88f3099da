package dev.tollgate.auth.verification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code tollgate.email-verification.*}: {@code linkValidity}, how long a link that verifies an address works. */
@ConfigurationProperties("tollgate.email-verification")
public record EmailVerificationProperties(@DefaultValue("24h") Duration linkValidity) {
}
