package dev.tollgate.auth.mail;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tollgate.auth.support.AuthServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The running application's own sender: a committed mail reaches the SMTP server without anyone asking. */
@AuthServerTest
class MailDeliveryTest {

    @Autowired
    MailOutbox outbox;

    @Autowired
    GreenMail smtp;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void aMailLeavesRightAfterTheCommitThatQueuedIt() throws Exception {
        String recipient = UUID.randomUUID() + "@example.com";
        int before = smtp.getReceivedMessages().length;

        transaction.executeWithoutResult(tx -> outbox.enqueue(recipient, "password-changed", Locale.ENGLISH,
                Map.of("username", "alice")));

        // far below the sweep interval: the commit woke the sender
        assertThat(smtp.waitForIncomingEmail(5_000, before + 1)).isTrue();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).anySatisfy(mail ->
                assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(recipient));
    }
}
