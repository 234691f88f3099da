package dev.tollgate.auth.support;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

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

    /**
     * The mail to {@code recipient} that arrives as the {@code nth} (1: the first) to that address, waiting up to
     * ten seconds for it.
     */
    public static MimeMessage awaitMail(GreenMail smtp, String recipient, int nth) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            List<MimeMessage> to = mailTo(smtp, recipient);
            if (to.size() >= nth) {
                return to.get(nth - 1);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no mail number " + nth + " to " + recipient + " within 10 s");
            }
            smtp.waitForIncomingEmail(500, smtp.getReceivedMessages().length + 1);
        }
    }

    /**
     * The first mail to {@code recipient} with this subject, waiting up to ten seconds for it: mail leaves through the
     * outbox after the page has answered, so it may still be on its way.
     */
    public static MimeMessage awaitMailAbout(GreenMail smtp, String recipient, String subject) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            for (MimeMessage mail : mailTo(smtp, recipient)) {
                try {
                    if (subject.equals(mail.getSubject())) {
                        return mail;
                    }
                }
                catch (MessagingException unreadable) {
                    throw new AssertionError(unreadable);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no mail '" + subject + "' to " + recipient + " within 10 s");
            }
            smtp.waitForIncomingEmail(500, smtp.getReceivedMessages().length + 1);
        }
    }

    /** Every mail {@code smtp} received for {@code recipient}, oldest first. */
    public static List<MimeMessage> mailTo(GreenMail smtp, String recipient) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> {
            try {
                return Arrays.stream(mail.getAllRecipients()).anyMatch(to -> to.toString().equalsIgnoreCase(recipient));
            }
            catch (MessagingException unreadable) {
                throw new AssertionError(unreadable);
            }
        }).toList();
    }

    /** The text/plain part of a mail Tollgate sent (multipart/alternative, text first). */
    public static String textOf(MimeMessage mail) {
        try {
            return (String) ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent();
        }
        catch (IOException | MessagingException unreadable) {
            throw new AssertionError(unreadable);
        }
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
