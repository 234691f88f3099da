package dev.tollgate.auth.mail;

/** A mail as its template rendered it, in the language of its reader. */
record RenderedMail(String subject, String text, String html) {
}
