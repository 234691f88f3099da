package dev.tollgate.auth.scim;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.utils.JsonUtils;

/**
 * SCIM bodies in and out, through the SCIM SDK's own Jackson 2 mapper ({@link JsonUtils}): it knows the SDK's message
 * types and SCIM's case-insensitive attribute names, which the application's Jackson 3 mapper does not.
 */
public final class ScimJson {

    /** RFC 7644 section 3.1. */
    public static final String MEDIA_TYPE = "application/scim+json";

    private ScimJson() {
    }

    /** The request body as a JSON object; anything else is {@code invalidSyntax}. */
    public static ObjectNode readObject(String body) throws BadRequestException {
        JsonNode node = readTree(body);
        if (!(node instanceof ObjectNode object)) {
            throw BadRequestException.invalidSyntax("The request body must be a JSON object.");
        }
        return object;
    }

    /** The request body as one of the SDK's message types (a PATCH request); a malformed one is a 400. */
    public static <T> T read(String body, Class<T> type) throws ScimException {
        ObjectNode object = readObject(body);
        try {
            return JsonUtils.getObjectReader().forType(type).readValue(object);
        }
        catch (IOException | IllegalArgumentException unreadable) {
            ScimException cause = scimCauseOf(unreadable);
            if (cause != null) {
                throw cause;
            }
            throw BadRequestException.invalidSyntax("The request body is not a valid " + type.getSimpleName()
                    + ": " + firstLine(unreadable.getMessage()));
        }
    }

    public static String write(Object message) {
        try {
            return JsonUtils.getObjectWriter().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(message);
        }
        catch (JsonProcessingException unwritable) {
            throw new IllegalStateException("cannot write a SCIM message", unwritable);
        }
    }

    private static JsonNode readTree(String body) throws BadRequestException {
        if (body == null || body.isBlank()) {
            throw BadRequestException.invalidSyntax("The request has no body.");
        }
        try {
            return JsonUtils.getObjectReader().readTree(body);
        }
        catch (JsonProcessingException malformed) {
            throw BadRequestException.invalidSyntax("The request body is not valid JSON: "
                    + firstLine(malformed.getOriginalMessage()));
        }
    }

    private static ScimException scimCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ScimException scim) {
                return scim;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
