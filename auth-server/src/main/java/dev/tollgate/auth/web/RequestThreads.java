package dev.tollgate.auth.web;

import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * How many requests Tomcat works on at once: a few per core, not Tomcat's 200. The token endpoint is CPU-bound
 * (a signature per token), so extra threads only interleave requests: measured at 32 connections on two cores,
 * 8 threads gave the same tokens/s as 200 with the 99th percentile at 25 ms instead of 40-55 ms. Connections
 * beyond the pool wait in the accept queue, not in a run queue. With a remote database each request also waits
 * on the network, so give more per core there ({@link RequestThreadProperties}).
 */
@Configuration(proxyBeanMethods = false)
class RequestThreads {

    /** Runs after Boot's own customizer, which applies {@code server.tomcat.threads.*}, so this size wins. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> requestThreadsPerCore(
            RequestThreadProperties properties) {
        int threads = Math.max(2, properties.threadsPerCore() * Runtime.getRuntime().availableProcessors());
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
                protocol.setMaxThreads(threads);
                protocol.setMinSpareThreads(Math.min(protocol.getMinSpareThreads(), threads));
            }
        });
    }
}
