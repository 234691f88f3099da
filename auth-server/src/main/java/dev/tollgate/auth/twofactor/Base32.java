package dev.tollgate.auth.twofactor;

/**
 * RFC 4648 base 32 without padding, upper case: how authenticator apps expect the secret in an {@code otpauth://}
 * URI and how people type it when they cannot scan the QR code. Commons Codec encodes; Tollgate keeps the secret's
 * bytes and never reads one back from text.
 */
final class Base32 {

    private static final org.apache.commons.codec.binary.Base32 CODEC = new org.apache.commons.codec.binary.Base32();

    private Base32() {
    }

    static String encode(byte[] bytes) {
        String padded = CODEC.encodeToString(bytes);
        int end = padded.indexOf('=');
        return end < 0 ? padded : padded.substring(0, end);
    }
}
