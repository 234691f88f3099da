package dev.tollgate.auth.mail;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a mail from {@code templates/mail/<name>.html} (HTML mode: every value escaped) and
 * {@code templates/mail/<name>.txt} (text mode), with texts from the mail bundle ({@code messages/mail}); the
 * subject is the bundle's {@code mail.<name>.subject}. The page engine of Spring Boot knows HTML templates only,
 * hence an engine of its own. Every template sees {@code issuer}, the base of every link in a mail.
 */
@Component
class MailTemplates {

    private static final String FOLDER = "templates/mail/";

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    private final MessageSource messages;

    MailTemplates(MessageSource messages) {
        this.messages = messages;
        engine.setTemplateEngineMessageSource(messages);
        engine.addTemplateResolver(resolver("*.html", TemplateMode.HTML, 1));
        engine.addTemplateResolver(resolver("*.txt", TemplateMode.TEXT, 2));
    }

    RenderedMail render(String name, Locale locale, Map<String, ?> model, String issuer) {
        Map<String, Object> variables = new HashMap<>(model);
        variables.put("issuer", issuer);
        Context context = new Context(locale, variables);
        String subject = messages.getMessage("mail." + name + ".subject", null, locale);
        return new RenderedMail(subject, engine.process(name + ".txt", context), engine.process(name + ".html", context));
    }

    private static ClassLoaderTemplateResolver resolver(String pattern, TemplateMode mode, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix(FOLDER);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }
}
