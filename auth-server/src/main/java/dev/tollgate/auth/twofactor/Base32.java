package dev.tollgate.auth.twofactor;

/**
 * RFC 4648 base 32 without padding, upper case: how authenticator apps expect the secret in an {@code otpauth://}
 * URI and how people type it when they cannot scan the QR code. Only encoding is needed: Tollgate keeps the secret's
 * bytes and never reads one back from text.
 */
final class Base32 {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Base32() {
    }

    static String encode(byte[] bytes) {
        StringBuilder text = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte value : bytes) {
            buffer = (buffer << 8) | (value & 0xff);
            bits += 8;
            while (bits >= 5) {
                text.append(ALPHABET[(buffer >> (bits - 5)) & 0x1f]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            text.append(ALPHABET[(buffer << (5 - bits)) & 0x1f]);
        }
        return text.toString();
    }
}
