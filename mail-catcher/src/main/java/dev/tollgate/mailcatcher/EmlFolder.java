package dev.tollgate.mailcatcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * The folder of caught mail: one RFC 5322 message per file, named {@code <received>-<id>.eml} so that names sort by
 * time. A file is written under a hidden temporary name and renamed into place, so whoever watches the folder sees
 * only whole messages.
 */
final class EmlFolder {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** The names this folder writes, and the only ones it reads: nothing outside the folder can be named. */
    static final Pattern NAME = Pattern.compile("\\d{8}T\\d{9}Z-[0-9a-f]{8}\\.eml");

    private static final Session PARSING = Session.getInstance(new Properties());

    private final SecureRandom random = new SecureRandom();

    private final Path directory;

    EmlFolder(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    Path directory() {
        return directory;
    }

    /** Writes {@code message} whole under a temporary name, then renames it into place; answers its file. */
    Path write(MimeMessage message, Instant received) throws IOException, MessagingException {
        byte[] id = new byte[4];
        random.nextBytes(id);
        String name = TIME.format(received) + "-" + HexFormat.of().formatHex(id) + ".eml";
        Path partial = directory.resolve("." + name + ".part");
        try (OutputStream out = Files.newOutputStream(partial)) {
            message.writeTo(out);
        }
        return Files.move(partial, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The names of the newest {@code limit} messages, newest first. */
    List<String> newest(int limit) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> NAME.matcher(name).matches())
                    .sorted(Comparator.reverseOrder())
                    .limit(limit)
                    .toList();
        }
    }

    /** The message of file {@code name}; empty for a name this folder does not write or a file that is gone. */
    Optional<MimeMessage> read(String name) throws IOException, MessagingException {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(new MimeMessage(PARSING, in));
        }
    }
}
