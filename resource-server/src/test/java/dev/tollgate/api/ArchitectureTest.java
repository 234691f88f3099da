package dev.tollgate.api;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** How the resource server's packages may depend on each other: each one a feature, none in a circle. */
@AnalyzeClasses(packagesOf = ResourceServerApplication.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesDoNotDependOnEachOtherInCircles =
            slices().assignedFrom(featurePackagesBelow("dev.tollgate.api")).should().beFreeOfCycles();

    /** Whoever needs the request is handed it (a filter, a handler method); nothing fetches it from the thread. */
    @ArchTest
    static final ArchRule onlyControllersReadTheCurrentRequest = noClasses()
            .that().areNotMetaAnnotatedWith(Controller.class).and().areNotMetaAnnotatedWith(ControllerAdvice.class)
            .should().dependOnClassesThat().areAssignableTo(RequestContextHolder.class);

    @ArchTest
    static final ArchRule theApiKeepsNoSessions = noClasses().should().dependOnClassesThat()
            .areAssignableTo(HttpSession.class);

    /** One slice per package right below {@code root} (with its subpackages), and one for {@code root} itself. */
    static SliceAssignment featurePackagesBelow(String root) {
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
