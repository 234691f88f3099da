package dev.tollgate.auth.account;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Times on the account page, in the person's language and in UTC, said so: the page does not know the person's time
 * zone (it works without JavaScript).
 */
public final class AccountTimes {

    private AccountTimes() {
    }

    public static String format(Instant instant, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(ZoneOffset.UTC)
                .format(instant) + " UTC";
    }
}
