package dev.tollgate.api.book;

import java.util.Locale;

/** ISBN-10 and ISBN-13 as people write them: hyphens and spaces are allowed and dropped. */
final class Isbn {

    private Isbn() {
    }

    static String normalize(String isbn) {
        return isbn == null ? null : isbn.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    static boolean isValid(String isbn) {
        String digits = normalize(isbn);
        return switch (digits.length()) {
            case 10 -> digits.matches("\\d{9}[\\dX]") && isbn10Checksum(digits) % 11 == 0;
            case 13 -> digits.matches("\\d{13}") && isbn13Checksum(digits) % 10 == 0;
            default -> false;
        };
    }

    private static int isbn10Checksum(String digits) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = digits.charAt(i);
            sum += (10 - i) * (c == 'X' ? 10 : c - '0');
        }
        return sum;
    }

    private static int isbn13Checksum(String digits) {
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            sum += (i % 2 == 0 ? 1 : 3) * (digits.charAt(i) - '0');
        }
        return sum;
    }
}
