package dev.tollgate.api.security;

import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;

/** The quicker check must let through and reject exactly what the stock firewall does. */
class HeaderCheckingFirewallTest {

    static Stream<String> values() {
        return Stream.of("", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "application/json", "a\tb", "a\nb", "a\rb",
                "nul\u0000", "del\u007f", "caf\u00e9", "unassigned\u0378", "emoji \uD83D\uDE00", "lone \uD800",
                "bell\u0007", " leading and trailing ", "~!@#$%^&*()_+{}|:\"<>?");
    }

    @ParameterizedTest
    @MethodSource("values")
    void headerValuesAreJudgedAsByTheStockFirewall(String value) {
        Predicate<String> ours = HeaderCheckingFirewall.printableAsciiOr(true, StrictHttpFirewall.ALLOWED_HEADER_VALUES);

        assertThat(ours.test(value)).isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(value));
    }

    @ParameterizedTest
    @MethodSource("values")
    void headerNamesAreJudgedAsByTheStockFirewall(String name) {
        Predicate<String> ours = HeaderCheckingFirewall.printableAsciiOr(false, StrictHttpFirewall.ALLOWED_HEADER_NAMES);

        assertThat(ours.test(name)).isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(name));
    }
}
