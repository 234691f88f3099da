package dev.tollgate.mailcatcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A mail sent over SMTP ends up as an .eml file and in the inbox page, which shows it without running it. */
class MailCatcherTest {

    @TempDir
    Path folder;

    private MailCatcher catcher;

    private final WebClient browser = new WebClient();

    private WatchService created;

    @BeforeEach
    void start() throws Exception {
        created = folder.getFileSystem().newWatchService();
        folder.register(created, StandardWatchEventKinds.ENTRY_CREATE);
        catcher = MailCatcher.start("127.0.0.1", 0, 0, folder);
        browser.getOptions().setCssEnabled(false);
        browser.getOptions().setThrowExceptionOnScriptError(false);
    }

    @AfterEach
    void stop() throws Exception {
        browser.close();
        catcher.close();
        created.close();
    }

    @Test
    void aMailSentOverSmtpIsWrittenAsAnEmlFileAndListedInTheInbox() throws Exception {
        send("Reset your password", "Follow https://login.example.com/reset?token=abc to reset.",
                "<p>Hi</p><script>parent.document.title='pwned'</script><a href=\"https://login.example.com/reset\">Reset</a>");

        Path eml = awaitOneFile();
        assertThat(eml.getFileName().toString()).matches(EmlFolder.NAME.pattern());
        assertThat(Files.readString(eml)).contains("Subject: Reset your password", "To: alice@example.com");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.filter(file -> file.getFileName().toString().endsWith(".part"))).isEmpty();
        }

        HtmlPage list = browser.getPage("http://127.0.0.1:" + catcher.httpPort() + "/");
        assertThat(list.asNormalizedText())
                .contains("Tollgate <no-reply@example.com>", "alice@example.com", "Reset your password");
        HtmlPage message = list.getAnchorByText("Reset your password").click();
        assertThat(message.getTitleText()).startsWith("Reset your password");
        assertThat(message.getElementById("text").asNormalizedText())
                .contains("https://login.example.com/reset?token=abc");
        HtmlAnchor link = message.getAnchorByHref("https://login.example.com/reset?token=abc");
        assertThat(link).isNotNull();
        assertThat(message.getElementById("html").getAttribute("sandbox")).isEmpty();
        assertThat(message.getWebResponse().getResponseHeaderValue("Content-Security-Policy"))
                .contains("default-src 'none'");
        // the mail's markup is the frame's document, never the page's own
        assertThat(message.getWebResponse().getContentAsString()).doesNotContain("<script>");
        assertThat(message.getTitleText()).doesNotContain("pwned");
    }

    @Test
    void aFileNameOutsideTheFolderIsNotFound() throws Exception {
        Files.writeString(folder.getParent().resolve("secret.eml"), "Subject: secret\r\n\r\nno");
        WebClient plain = new WebClient();
        plain.getOptions().setThrowExceptionOnFailingStatusCode(false);
        try (plain) {
            assertThat(plain.getPage("http://127.0.0.1:" + catcher.httpPort() + "/messages/..%2Fsecret.eml")
                    .getWebResponse().getStatusCode()).isEqualTo(404);
        }
    }

    private void send(String subject, String text, String html) throws Exception {
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", String.valueOf(catcher.smtpPort()));
        MimeMessage mail = new MimeMessage(Session.getInstance(smtp));
        mail.setFrom(new InternetAddress("Tollgate <no-reply@example.com>"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress("alice@example.com"));
        mail.setSubject(subject);
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, "UTF-8", "plain");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(html, "UTF-8", "html");
        mail.setContent(new MimeMultipart("alternative", textPart, htmlPart));
        mail.setSentDate(new Date());
        Transport.send(mail);
    }

    /** Waits (up to the 10 s the README promises) for the catcher's writer to rename the file into place. */
    private Path awaitOneFile() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Stream<Path> files = Files.list(folder)) {
                List<Path> emls = files.filter(file -> file.toString().endsWith(".eml")).toList();
                if (!emls.isEmpty()) {
                    assertThat(emls).hasSize(1);
                    return emls.get(0);
                }
            }
            long left = deadline - System.nanoTime();
            WatchKey change = left <= 0 ? null : created.poll(left, TimeUnit.NANOSECONDS);
            if (change == null) {
                throw new AssertionError("no .eml file within 10 s");
            }
            change.pollEvents();
            change.reset();
        }
    }
}
