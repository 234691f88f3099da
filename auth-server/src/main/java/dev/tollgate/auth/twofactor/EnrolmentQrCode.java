package dev.tollgate.auth.twofactor;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * What an authenticator app scans: the {@code otpauth://totp/} URI of Google Authenticator's key URI format (the
 * de facto standard every app reads: issuer and account in the label, the secret in base 32, SHA-1, 6 digits, 30
 * seconds), and its QR code as a PNG {@code data:} URI, drawn here so the page needs no script.
 */
record EnrolmentQrCode(String uri, String secret, String image) {

    private static final String ISSUER = "Tollgate";

    private static final int PIXELS_PER_MODULE = 6;

    private static final int QUIET_ZONE_MODULES = 4;

    static EnrolmentQrCode of(byte[] secret, String username) {
        String encodedSecret = Base32.encode(secret);
        String uri = "otpauth://totp/" + encode(ISSUER) + ":" + encode(username)
                + "?secret=" + encodedSecret + "&issuer=" + encode(ISSUER)
                + "&algorithm=SHA1&digits=" + TotpCodes.DIGITS + "&period=" + TotpCodes.STEP.toSeconds();
        return new EnrolmentQrCode(uri, groupsOfFour(encodedSecret), pngDataUri(uri));
    }

    private static String pngDataUri(String contents) {
        BitMatrix modules;
        try {
            modules = new QRCodeWriter().encode(contents, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.MARGIN, QUIET_ZONE_MODULES));
        }
        catch (WriterException tooLong) {
            throw new IllegalStateException("an otpauth URI fits in a QR code", tooLong);
        }
        int size = modules.getWidth() * PIXELS_PER_MODULE;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, modules.get(x / PIXELS_PER_MODULE, y / PIXELS_PER_MODULE) ? 0x000000 : 0xffffff);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        }
        catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }

    /** The label's parts percent-encoded, a space as {@code %20} (the key URI format reads {@code +} literally). */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The secret for typing by hand: groups of four, as authenticator apps show it. */
    private static String groupsOfFour(String secret) {
        return String.join(" ", secret.split("(?<=\\G.{4})"));
    }
}
