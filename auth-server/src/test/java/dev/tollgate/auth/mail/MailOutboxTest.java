package dev.tollgate.auth.mail;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.auth.support.TestMail;
import dev.tollgate.testsupport.FreePorts;
import dev.tollgate.testsupport.TestClock;
import dev.tollgate.testsupport.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox against a real SMTP server (GreenMail). The context has no SMTP host, so its own sender stays idle
 * and each test runs senders of its own against a server it starts and stops; a database of its own keeps the
 * senders of other test contexts away from its rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=" + TestDatabases.IN_MEMORY_H2 + "mail-outbox"
                + TestDatabases.IN_MEMORY_H2_SETTINGS)
@ActiveProfiles("test")
@Import(TestClock.Config.class)
class MailOutboxTest {

    private static final Map<String, String> ALICE = Map.of("username", "alice");

    @Autowired
    MailOutbox outbox;

    @Autowired
    OutboxRows rows;

    @Autowired
    MailOutboxProperties properties;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    private GreenMail smtp;

    @BeforeEach
    void emptyOutboxAndMailServer() {
        jdbc.sql("DELETE FROM mail_outbox").update();
        smtp = TestMail.startSmtp(0);
    }

    @AfterEach
    void stopMailServer() {
        smtp.stop();
    }

    @Test
    void aQueuedMailGoesOutWithATextAndAnHtmlPartLinkingToTheIssuer() throws Exception {
        transaction.executeWithoutResult(tx -> outbox.enqueue("alice@example.com", "password-changed",
                Locale.GERMAN, Map.of("username", "alice <b>")));

        assertThat(sender(smtp.getSmtp().getPort(), clock).sendDue()).isEqualTo(1);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getFrom()).extracting(Address::toString).containsExactly("Tollgate <no-reply@localhost>");
        assertThat(mail.getAllRecipients()).containsExactly(new InternetAddress("alice@example.com"));
        assertThat(mail.getSubject()).isEqualTo("Ihr Passwort wurde geändert");
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(mail.getSentDate()).isNotNull();
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").contains("UTF-8");
        assertThat((String) parts.getBodyPart(0).getContent())
                .contains("Hallo alice <b>,", "http://auth.tollgate.test/forgot-password");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").contains("UTF-8");
        assertThat((String) parts.getBodyPart(1).getContent())
                .contains("Hallo alice &lt;b&gt;,", "href=\"http://auth.tollgate.test/forgot-password\"")
                .doesNotContain("<b>");
        assertThat(queued()).isZero();
    }

    @Test
    void englishIsTheDefault() throws Exception {
        outbox.enqueue("alice@example.com", "password-changed", Locale.forLanguageTag("fr"), ALICE);

        sender(smtp.getSmtp().getPort(), clock).sendDue();

        assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Your password was changed");
    }

    @Test
    void aMailIsQueuedInTheCallersTransactionAndGoesWithItsRollback() {
        transaction.executeWithoutResult(tx -> {
            outbox.enqueue("alice@example.com", "password-changed", Locale.ENGLISH, ALICE);
            tx.setRollbackOnly();
        });

        assertThat(queued()).isZero();
    }

    @Test
    void withoutAnSmtpHostMailStaysQueued() {
        outbox.enqueue("alice@example.com", "password-changed", Locale.ENGLISH, ALICE);

        assertThat(queued()).isEqualTo(1);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aMailServerOutageLosesNothingAndTheMailGoesOutOnceItIsBack() throws Exception {
        int port = smtp.getSmtp().getPort();
        smtp.stop();
        OutboxSender sender = sender(port, clock);
        outbox.enqueue("alice@example.com", "password-changed", Locale.ENGLISH, ALICE);

        assertThat(sender.sendDue()).isZero();
        assertThat(sender.sendDue()).as("waits for its backoff").isZero();
        assertThat(jdbc.sql("SELECT attempts FROM mail_outbox").query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT last_error FROM mail_outbox").query(String.class).single()).isNotBlank();

        smtp = TestMail.startSmtp(port);
        assertThat(sender.sendDue()).as("still within the backoff").isZero();
        clock.advance(properties.retryDelay());
        assertThat(sender.sendDue()).isEqualTo(1);
        assertThat(sender.sendDue()).isZero();

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(queued()).isZero();
    }

    @Test
    void withMailStartTlsNoMailGoesToAServerWithoutStartTls() throws Exception {
        int port = smtp.getSmtp().getPort();
        outbox.enqueue("alice@example.com", "password-changed", Locale.ENGLISH, ALICE);

        assertThat(new OutboxSender(rows, MailSettings.client(port, "true"), properties, clock).sendDue()).isZero();
        assertThat(smtp.getReceivedMessages()).as("GreenMail offers no STARTTLS").isEmpty();
        assertThat(jdbc.sql("SELECT last_error FROM mail_outbox").query(String.class).single()).contains("STARTTLS");

        clock.advance(properties.retryDelay());
        assertThat(new OutboxSender(rows, MailSettings.client(port, "false"), properties, clock).sendDue()).isEqualTo(1);
    }

    @Test
    void theWaitDoublesAfterEachFailureUpToItsLongest() {
        OutboxSender sender = sender(FreePorts.next(), clock);

        assertThat(sender.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(sender.backoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(sender.backoff(5)).isEqualTo(Duration.ofMinutes(8));
        assertThat(sender.backoff(8)).isEqualTo(Duration.ofHours(1));
        assertThat(sender.backoff(1000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aMailTheServerRefusesForLongerThanTheLimitIsDropped() {
        OutboxSender sender = sender(FreePorts.next(), clock);
        outbox.enqueue("alice@example.com", "password-changed", Locale.ENGLISH, ALICE);
        sender.sendDue();

        clock.advance(properties.giveUpAfter());
        sender.sendDue();

        assertThat(queued()).isZero();
    }

    @Test
    void twoSendersRacingOverOneTableSendEachMailOnce() throws Exception {
        int mails = 40;
        for (int i = 0; i < mails; i++) {
            outbox.enqueue("user" + i + "@example.com", "password-changed", Locale.ENGLISH, ALICE);
        }
        int port = smtp.getSmtp().getPort();
        List<Callable<Integer>> senders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            OutboxSender sender = sender(port, clock);
            senders.add(sender::sendDue);
        }

        List<Integer> sent = Concurrently.run(senders);

        assertThat(sent.stream().mapToInt(Integer::intValue).sum()).isEqualTo(mails);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(mails);
        List<String> recipients = new ArrayList<>();
        for (MimeMessage mail : received) {
            recipients.add(mail.getAllRecipients()[0].toString());
        }
        assertThat(recipients).doesNotHaveDuplicates();
        assertThat(queued()).isZero();
    }

    private OutboxSender sender(int port, Clock senderClock) {
        return new OutboxSender(rows, TestMail.clientOf(port), properties, senderClock);
    }

    private long queued() {
        return jdbc.sql("SELECT count(*) FROM mail_outbox").query(Long.class).single();
    }
}
