package dev.tollgate.mailcatcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web inbox: {@code /} lists the caught mail newest first, {@code /messages/<file>} shows one. Everything from a
 * mail is escaped; its HTML part is shown in a sandboxed frame without scripts, and the page's Content Security
 * Policy (which the frame inherits) loads nothing from anywhere, so a mail can neither run code nor call home. Links
 * of the text part are made clickable (http and https only), as that is how a developer follows a reset link.
 */
final class InboxPages implements HttpHandler {

    private static final int LISTED = 200;

    private static final Pattern MESSAGE_PATH = Pattern.compile("/messages/([^/]+)");

    private static final Pattern WEB_LINK = Pattern.compile("https?://[^\\s<>\"]+");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final String STYLE = """
            <style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2933}table{border-collapse:collapse;width:100%}
            th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #e4e7eb}pre{white-space:pre-wrap;
            background:#f5f7fa;padding:1rem}iframe{width:100%;height:32rem;border:1px solid #cbd2d9}</style>""";

    private static final Logger log = LoggerFactory.getLogger(InboxPages.class);

    private final EmlFolder folder;

    InboxPages(EmlFolder folder) {
        this.folder = folder;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, page("Not allowed", "<p>The inbox is read-only.</p>"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Matcher message = MESSAGE_PATH.matcher(path);
            if ("/".equals(path)) {
                respond(exchange, 200, list());
            }
            else if (message.matches()) {
                Optional<String> shown = message(message.group(1));
                respond(exchange, shown.isPresent() ? 200 : 404,
                        shown.orElse(page("No such mail", "<p>No such mail. <a href=\"/\">Inbox</a></p>")));
            }
            else {
                respond(exchange, 404, page("Not found", "<p>Not found. <a href=\"/\">Inbox</a></p>"));
            }
        }
        catch (IOException | MessagingException | RuntimeException failed) {
            log.warn("Could not show {}: {}", exchange.getRequestURI(), failed.toString());
        }
    }

    private String list() throws IOException, MessagingException {
        StringBuilder rows = new StringBuilder();
        for (String name : folder.newest(LISTED)) {
            Optional<MimeMessage> read = folder.read(name);
            if (read.isEmpty()) {
                continue;
            }
            MimeMessage mail = read.get();
            rows.append("<tr><td>").append(escape(addresses(mail.getFrom())))
                    .append("</td><td>").append(escape(addresses(mail.getAllRecipients())))
                    .append("</td><td><a href=\"/messages/").append(name).append("\">")
                    .append(escape(subject(mail))).append("</a></td><td>")
                    .append(escape(time(mail.getSentDate()))).append("</td></tr>\n");
        }
        String body = rows.isEmpty() ? "<p>No mail yet. Files: " + escape(folder.directory().toString()) + "</p>"
                : "<table><thead><tr><th>From</th><th>To</th><th>Subject</th><th>Time</th></tr></thead><tbody>\n"
                        + rows + "</tbody></table>";
        return page("Inbox", "<h1>Inbox</h1>\n" + body);
    }

    private Optional<String> message(String name) throws IOException, MessagingException {
        Optional<MimeMessage> read = folder.read(name);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MimeMessage mail = read.get();
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        StringBuilder body = new StringBuilder("<p><a href=\"/\">Inbox</a></p>\n<h1>")
                .append(escape(subject(mail))).append("</h1>\n<table>")
                .append("<tr><th>From</th><td>").append(escape(addresses(mail.getFrom()))).append("</td></tr>")
                .append("<tr><th>To</th><td>").append(escape(addresses(mail.getAllRecipients()))).append("</td></tr>")
                .append("<tr><th>Time</th><td>").append(escape(time(mail.getSentDate()))).append("</td></tr>")
                .append("<tr><th>File</th><td>").append(escape(name)).append("</td></tr></table>\n");
        if (text != null) {
            body.append("<h2>Text</h2>\n<pre id=\"text\">").append(linked(text)).append("</pre>\n");
        }
        if (html != null) {
            body.append("<h2>HTML</h2>\n<iframe id=\"html\" title=\"HTML part\" sandbox srcdoc=\"")
                    .append(escape(html)).append("\"></iframe>\n");
        }
        return Optional.of(page(subject(mail), body.toString()));
    }

    /** The first part of {@code type} in {@code part}, however deep in its multiparts; null if none. */
    private static String part(Part part, String type) throws IOException, MessagingException {
        if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return part.getContent().toString();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart parts = (Multipart) part.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart child = parts.getBodyPart(i);
                String found = part(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String linked(String text) {
        StringBuilder out = new StringBuilder();
        Matcher link = WEB_LINK.matcher(text);
        int at = 0;
        while (link.find()) {
            out.append(escape(text.substring(at, link.start())));
            String url = escape(link.group());
            out.append("<a href=\"").append(url).append("\" rel=\"noreferrer\">").append(url).append("</a>");
            at = link.end();
        }
        return out.append(escape(text.substring(at))).toString();
    }

    private static String subject(MimeMessage mail) throws MessagingException {
        return mail.getSubject() == null ? "(no subject)" : mail.getSubject();
    }

    private static String addresses(Address[] addresses) {
        if (addresses == null) {
            return "";
        }
        StringBuilder joined = new StringBuilder();
        for (Address address : addresses) {
            joined.append(joined.isEmpty() ? "" : ", ").append(address.toString());
        }
        return joined.toString();
    }

    private static String time(Date date) {
        return date == null ? "" : TIME.format(date.toInstant());
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\"><title>" + escape(title)
                + " · Tollgate mail catcher</title>" + STYLE + "</head>\n<body>\n" + body + "\n</body></html>\n";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void respond(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
