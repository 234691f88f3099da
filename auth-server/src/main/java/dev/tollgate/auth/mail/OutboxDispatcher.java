package dev.tollgate.auth.mail;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Runs this instance's {@link OutboxSender} on a thread of its own: right after each commit that queued mail
 * ({@link #wakeUp}), and every {@code tollgate.mail.sweep-interval} for retries and for mail other instances queued.
 * Without an SMTP host ({@code MAIL_HOST}) nothing is sent: mail stays queued, and the start says so once.
 */
@Component
class OutboxDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final OutboxSender sender;

    private final MailOutboxProperties properties;

    private final ScheduledExecutorService thread;

    private final AtomicBoolean wakeUpPending = new AtomicBoolean();

    OutboxDispatcher(OutboxRows rows, ObjectProvider<JavaMailSender> smtp, MailOutboxProperties properties,
            Clock clock) {
        this.properties = properties;
        JavaMailSender server = smtp.getIfAvailable();
        if (server == null || server instanceof JavaMailSenderImpl configured && !StringUtils.hasText(configured.getHost())) {
            log.warn("No SMTP server configured (MAIL_HOST): mail is queued in table mail_outbox and not sent");
            this.sender = null;
            this.thread = null;
        }
        else {
            this.sender = new OutboxSender(rows, server, properties, clock);
            this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread daemon = new Thread(runnable, "mail-outbox-sender");
                daemon.setDaemon(true);
                return daemon;
            });
        }
    }

    /** Starts the sweep once the application is ready, with a first one for mail left from before the start. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (thread != null) {
            long interval = properties.sweepInterval().toMillis();
            thread.scheduleWithFixedDelay(this::sendDue, 0, interval, TimeUnit.MILLISECONDS);
        }
    }

    /** Sends soon on the sender's thread; wake-ups that come while one is pending are one. */
    void wakeUp() {
        if (thread != null && wakeUpPending.compareAndSet(false, true)) {
            thread.execute(() -> {
                wakeUpPending.set(false);
                sendDue();
            });
        }
    }

    private void sendDue() {
        try {
            sender.sendDue();
        }
        catch (RuntimeException failed) {
            // the database is unreachable: the next sweep tries again, the mail is still in the table
            log.warn("Could not read the mail outbox: {}", failed.toString());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        if (thread != null) {
            thread.shutdown();
            thread.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
