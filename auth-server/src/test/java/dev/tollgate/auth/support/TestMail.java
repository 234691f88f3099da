package dev.tollgate.auth.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A real SMTP server (GreenMail) on a free port of the loopback interface, which receives what the auth server
 * sends: tests read the mail a user would get from it.
 */
public final class TestMail {

    private TestMail() {
    }

    /** A started GreenMail SMTP server on a free port of 127.0.0.1 ({@code port} 0) or on {@code port}. */
    public static GreenMail startSmtp(int port) {
        ServerSetup setup = ServerSetupTest.SMTP.createCopy("127.0.0.1");
        GreenMail smtp = new GreenMail(port == 0 ? setup.dynamicPort() : setup.port(port));
        smtp.start();
        return smtp;
    }

    /** A client of {@code smtp}, as Spring Boot builds one from {@code spring.mail.*}. */
    public static JavaMailSenderImpl clientOf(int port) {
        JavaMailSenderImpl client = new JavaMailSenderImpl();
        client.setHost("127.0.0.1");
        client.setPort(port);
        client.setDefaultEncoding("UTF-8");
        client.getJavaMailProperties().put("mail.smtp.connectiontimeout", "5000");
        client.getJavaMailProperties().put("mail.smtp.timeout", "5000");
        return client;
    }

    /** The auth server of a test context sends to a GreenMail of its own ({@code @Import(TestMail.Config.class)}). */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean(destroyMethod = "stop")
        GreenMail testMailServer() {
            return startSmtp(0);
        }

        @Bean
        JavaMailSender testMailClient(GreenMail testMailServer) {
            return clientOf(testMailServer.getSmtp().getPort());
        }
    }
}
