package dev.tollgate.auth.authorization;

import java.util.Collections;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * An authorization's attributes (its authorization request and signed-in user) as read from their JSON column,
 * remembered by the exact JSON text. The attributes do not change after sign-in, yet every refresh and every
 * look-up of a user's token reads them, and Spring Security's allow-listing polymorphic mapper is slow at it:
 * profiled, a quarter of a refresh grant's CPU. The cache is keyed by the whole text (compared with
 * {@code equals}), so two different rows never share an entry; its size is bounded by the text it holds.
 */
final class ParsedAttributes {

    private static final long MAX_CHARACTERS = 2_000_000;

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JsonMapper json;

    private final Cache<String, Map<String, Object>> parsed = Caffeine.newBuilder()
            .maximumWeight(MAX_CHARACTERS)
            .weigher((String text, Map<String, Object> attributes) -> text.length())
            .build();

    ParsedAttributes(JsonMapper json) {
        this.json = json;
    }

    /** The attributes of this JSON text; the map is shared and read-only, callers copy what they keep. */
    Map<String, Object> read(String text) {
        return parsed.get(text, unparsed -> Collections.unmodifiableMap(json.readValue(unparsed, MAP)));
    }
}
