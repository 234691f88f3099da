package dev.tollgate.auth.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.crypto.*}: whether to sign, hash and draw random numbers with Amazon Corretto Crypto Provider where
 * its native library loads (Linux x86-64); false, or any other platform: the JDK's providers.
 */
@ConfigurationProperties("tollgate.crypto")
public record CryptoProperties(@DefaultValue("true") boolean nativeProvider) {
}
