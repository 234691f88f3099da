package dev.tollgate.auth.scim;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import com.unboundid.scim2.common.types.AttributeDefinition;

/**
 * Narrows the SCIM SDK's definitions of RFC 7643's core attributes to what Tollgate keeps, so that {@code /Schemas}
 * describes exactly what is stored and the schema checker refuses the rest.
 */
public final class SchemaSubsets {

    private SchemaSubsets() {
    }

    /** {@code attribute} with only the named sub-attributes, each as {@code adjust} leaves it. */
    public static AttributeDefinition withSubAttributes(AttributeDefinition attribute,
            UnaryOperator<AttributeDefinition.Builder> adjust, String... names) {
        List<AttributeDefinition> subAttributes = attribute.getSubAttributes().stream()
                .filter(sub -> Arrays.asList(names).contains(sub.getName()))
                .map(sub -> adjust.apply(copy(sub)).build())
                .toList();
        return copy(attribute).addSubAttributes(subAttributes.toArray(AttributeDefinition[]::new)).build();
    }

    /** A builder holding everything of {@code attribute} but its sub-attributes. */
    public static AttributeDefinition.Builder copy(AttributeDefinition attribute) {
        AttributeDefinition.Builder copy = new AttributeDefinition.Builder()
                .setName(attribute.getName())
                .setType(attribute.getType())
                .setMultiValued(attribute.isMultiValued())
                .setDescription(attribute.getDescription())
                .setRequired(attribute.isRequired())
                .setCaseExact(attribute.isCaseExact())
                .setMutability(attribute.getMutability())
                .setReturned(attribute.getReturned())
                .setUniqueness(attribute.getUniqueness());
        if (attribute.getCanonicalValues() != null) {
            copy.addCanonicalValues(attribute.getCanonicalValues().toArray(String[]::new));
        }
        if (attribute.getReferenceTypes() != null) {
            copy.addReferenceTypes(attribute.getReferenceTypes().toArray(String[]::new));
        }
        return copy;
    }
}
