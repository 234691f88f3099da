package dev.tollgate.auth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpCodesTest {

    /** RFC 6238 Appendix B's SHA-1 key. */
    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    void rfc6238TestVectorsForSha1(long unixTime, String expected) {
        long step = TotpCodes.stepAt(Instant.ofEpochSecond(unixTime));
        assertThat(TotpCodes.codeAt(RFC_SECRET, step, 8)).isEqualTo(expected);
    }

    @Test
    void aCodeIsAcceptedForItsStepAndOneStepEitherSideOnly() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = TotpCodes.stepAt(now);
        for (long offset = -1; offset <= 1; offset++) {
            String code = TotpCodes.codeAt(RFC_SECRET, step + offset, 6);
            assertThat(TotpCodes.matchingStep(RFC_SECRET, code, now)).hasValue(step + offset);
        }
        assertThat(TotpCodes.matchingStep(RFC_SECRET, TotpCodes.codeAt(RFC_SECRET, step - 2, 6), now)).isEmpty();
        assertThat(TotpCodes.matchingStep(RFC_SECRET, TotpCodes.codeAt(RFC_SECRET, step + 2, 6), now)).isEmpty();
        assertThat(TotpCodes.matchingStep(RFC_SECRET, "12345", now)).isEmpty();
        assertThat(TotpCodes.matchingStep(RFC_SECRET, "abcdef", now)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void base32AsInRfc4648WithoutPadding(String bytes, String expected) {
        assertThat(Base32.encode(bytes.getBytes(StandardCharsets.US_ASCII))).isEqualTo(expected);
    }

    @Test
    void theEnrolmentUriFollowsTheKeyUriFormat() {
        EnrolmentQrCode qrCode = EnrolmentQrCode.of(RFC_SECRET, "ali ce");
        assertThat(qrCode.uri()).isEqualTo("otpauth://totp/Tollgate:ali%20ce?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=Tollgate&algorithm=SHA1&digits=6&period=30");
        assertThat(qrCode.secret()).isEqualTo("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
        assertThat(qrCode.image()).startsWith("data:image/png;base64,iVBOR");
    }

    @Test
    void recoveryCodesAreTenDifferentOnesAndTheirDigestIgnoresCaseSpacesAndDashes() {
        var codes = RecoveryCodes.generate();
        assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(code -> code.matches("[a-z2-7]{5}-[a-z2-7]{5}"));
        String code = codes.get(0);
        assertThat(RecoveryCodes.digestOf(" " + code.toUpperCase().replace("-", " ") + " "))
                .isEqualTo(RecoveryCodes.digestOf(code)).isNotNull();
        assertThat(RecoveryCodes.digestOf("123456")).isNull();
    }
}
