package dev.tollgate.auth.client;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code tollgate.clients.*}: how long a registered client is reused before it is read again (0: never cached). */
@ConfigurationProperties("tollgate.clients")
public record ClientCacheProperties(@DefaultValue("30s") Duration cacheTtl) {
}
