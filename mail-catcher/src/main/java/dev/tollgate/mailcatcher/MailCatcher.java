package dev.tollgate.mailcatcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local run's mail server (README "Mail"): GreenMail takes every mail over SMTP, each is written to a folder
 * as an {@code .eml} file within half a second ({@link EmlFolder}), and a web inbox shows the folder
 * ({@link InboxPages}). It listens on the loopback interface only and accepts any sender, recipient and login:
 * it is for a developer's machine, never for production.
 */
public final class MailCatcher implements AutoCloseable {

    private static final long COPY_INTERVAL_MILLIS = 500;

    private static final Logger log = LoggerFactory.getLogger(MailCatcher.class);

    private final GreenMail smtp;

    private final HttpServer inbox;

    private final EmlFolder folder;

    private final ScheduledExecutorService copier;

    private final Set<StoredMessage> written = Collections.newSetFromMap(new IdentityHashMap<>());

    private MailCatcher(String host, int smtpPort, int httpPort, Path directory) throws IOException {
        this.folder = new EmlFolder(directory);
        ServerSetup setup = new ServerSetup(smtpPort, host, ServerSetup.PROTOCOL_SMTP);
        this.smtp = new GreenMail(smtpPort == 0 ? setup.dynamicPort() : setup);
        smtp.start();
        this.copier = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "eml-writer"));
        copier.scheduleWithFixedDelay(this::writeNewMail, 0, COPY_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        this.inbox = HttpServer.create(new InetSocketAddress(host, httpPort), 0);
        inbox.createContext("/", new InboxPages(folder));
        inbox.start();
    }

    /** Starts SMTP on {@code smtpPort} and the inbox on {@code httpPort} of {@code host} (0: a free port each). */
    public static MailCatcher start(String host, int smtpPort, int httpPort, Path directory) throws IOException {
        return new MailCatcher(host, smtpPort, httpPort, directory);
    }

    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    public int httpPort() {
        return inbox.getAddress().getPort();
    }

    /** Never throws: an exception would end the scheduled runs. */
    private void writeNewMail() {
        try {
            writeEach();
        }
        catch (RuntimeException failed) {
            log.warn("Could not read the caught mail, trying again: {}", failed.toString());
        }
    }

    private void writeEach() {
        for (StoredMessage message : smtp.getManagers().getImapHostManager().getAllMessages()) {
            if (written.add(message)) {
                try {
                    Path file = folder.write(message.getMimeMessage(), message.getReceivedDate().toInstant());
                    log.info("Caught mail: {}", file);
                }
                catch (IOException | MessagingException | RuntimeException failed) {
                    written.remove(message);
                    log.warn("Could not write a caught mail, trying again: {}", failed.toString());
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        inbox.stop(0);
        smtp.stop();
        copier.shutdown();
        copier.awaitTermination(5, TimeUnit.SECONDS);
    }

    /**
     * {@code MAIL_CATCHER_SMTP_PORT} (2525), {@code MAIL_CATCHER_HTTP_PORT} (8025) and {@code MAIL_CATCHER_FOLDER}
     * ({@code ./data/mail}), on 127.0.0.1.
     */
    public static void main(String[] args) throws IOException {
        int smtpPort = Integer.parseInt(setting("MAIL_CATCHER_SMTP_PORT", "2525"));
        int httpPort = Integer.parseInt(setting("MAIL_CATCHER_HTTP_PORT", "8025"));
        Path directory = Path.of(setting("MAIL_CATCHER_FOLDER", "data/mail")).toAbsolutePath();
        MailCatcher catcher = start("127.0.0.1", smtpPort, httpPort, directory);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                catcher.close();
            }
            catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }));
        log.info("Mail catcher: SMTP on 127.0.0.1:{}, inbox on http://localhost:{}, files in {}", catcher.smtpPort(),
                catcher.httpPort(), directory);
    }

    private static String setting(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }
}
