package dev.tollgate.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import dev.tollgate.auth.support.AuthServerTest;

@AuthServerTest
class RequestThreadsTest {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void tomcatWorksOnFourRequestsPerCoreAtOnce() {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();
        AbstractProtocol<?> protocol = (AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler();

        assertThat(protocol.getMaxThreads()).isEqualTo(Math.max(2, 4 * Runtime.getRuntime().availableProcessors()));
        assertThat(protocol.getMinSpareThreads()).isLessThanOrEqualTo(protocol.getMaxThreads());
    }
}
