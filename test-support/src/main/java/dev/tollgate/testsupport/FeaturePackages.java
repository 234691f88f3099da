package dev.tollgate.testsupport;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The slices of a module's architecture rules: one per package right below the module's root package (with its
 * subpackages), and one for the root package itself, which holds the application class and the module's settings.
 * A cycle through the root package counts like any other.
 */
public final class FeaturePackages {

    private FeaturePackages() {
    }

    public static SliceAssignment below(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                if (name.equals(root)) {
                    return SliceIdentifier.of(root);
                }
                if (!name.startsWith(root + ".")) {
                    return SliceIdentifier.ignore();
                }
                String below = name.substring(root.length() + 1);
                return SliceIdentifier.of(root + "." + below.split("\\.")[0]);
            }

            @Override
            public String getDescription() {
                return "the packages of " + root;
            }
        };
    }
}
