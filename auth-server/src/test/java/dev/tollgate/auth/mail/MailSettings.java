package dev.tollgate.auth.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The SMTP client application.yml makes of the {@code MAIL_*} variables, built as Spring Boot builds it. */
final class MailSettings {

    private MailSettings() {
    }

    static JavaMailSenderImpl client(int port, String startTls) {
        StandardEnvironment environment = new StandardEnvironment();
        String variables = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        environment.getPropertySources().replace(variables, new SystemEnvironmentPropertySource(variables,
                Map.of("MAIL_HOST", "127.0.0.1", "MAIL_PORT", String.valueOf(port), "MAIL_STARTTLS", startTls)));
        try {
            for (PropertySource<?> file : new YamlPropertySourceLoader().load("application.yml",
                    new ClassPathResource("application.yml"))) {
                environment.getPropertySources().addLast(file);
            }
        }
        catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        MailProperties mail = Binder.get(environment).bind("spring.mail", MailProperties.class).get();
        JavaMailSenderImpl client = new JavaMailSenderImpl();
        client.setHost(mail.getHost());
        client.setPort(mail.getPort());
        client.setUsername(mail.getUsername());
        client.setPassword(mail.getPassword());
        client.getJavaMailProperties().putAll(mail.getProperties());
        return client;
    }
}
