package dev.tollgate.auth.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.server.*}: how many requests Tomcat works on at once, per CPU core (see {@link RequestThreads}).
 * The token path is CPU-bound; raise it when the database is across a network.
 */
@ConfigurationProperties("tollgate.server")
public record RequestThreadProperties(@DefaultValue("4") int threadsPerCore) {
}
