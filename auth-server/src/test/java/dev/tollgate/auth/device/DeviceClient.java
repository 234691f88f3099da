package dev.tollgate.auth.device;

import java.io.IOException;
import java.net.URI;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCode;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.id.ClientID;

/** A device (a TV, a terminal) using the Nimbus OAuth 2.0 SDK against the auth server on its real port. */
record DeviceClient(String baseUrl, String clientId) {

    DeviceAuthorizationSuccessResponse authorize(String scope) {
        DeviceAuthorizationResponse response = send(() -> DeviceAuthorizationResponse.parse(
                new DeviceAuthorizationRequest(URI.create(baseUrl + "/oauth2/device_authorization"),
                        new ClientID(clientId), scope == null ? null : Scope.parse(scope))
                        .toHTTPRequest().send()));
        if (!response.indicatesSuccess()) {
            throw new AssertionError("device authorization refused: "
                    + response.toErrorResponse().getErrorObject().toJSONObject());
        }
        return response.toSuccessResponse();
    }

    TokenResponse poll(DeviceCode deviceCode) {
        return send(() -> TokenResponse.parse(new TokenRequest(URI.create(baseUrl + "/oauth2/token"),
                new ClientID(clientId), new DeviceCodeGrant(deviceCode)).toHTTPRequest().send()));
    }

    /** The error code of a poll's answer, or "token" if it got tokens. */
    String pollOutcome(DeviceCode deviceCode) {
        TokenResponse response = poll(deviceCode);
        return response.indicatesSuccess() ? "token" : response.toErrorResponse().getErrorObject().getCode();
    }

    private static <T> T send(Exchange<T> exchange) {
        try {
            return exchange.run();
        }
        catch (IOException | ParseException failed) {
            throw new AssertionError(failed);
        }
    }

    @FunctionalInterface
    private interface Exchange<T> {

        T run() throws IOException, ParseException;
    }
}
